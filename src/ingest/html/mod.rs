//! HTML pages: the article's main text, its title, and its published date, source, address and
//! author from the usual meta tags.
//!
//! The main text is found by content scoring, a file per step: `blocks` flattens the page into
//! paragraph blocks (scripts, navigation, headers, footers and asides left out), `hints` reads
//! what class and id names say, `score` picks the element whose blocks read most like prose,
//! `clean` leaves out what is not the story inside it (link lists, captions, bylines, share
//! blocks). Paragraphs are separated by blank lines. The page is only parsed (html5ever, through
//! scraper): nothing in it is run or fetched, and no text is made up.

mod blocks;
mod clean;
mod hints;
mod score;

use scraper::{Html, Selector};

use super::formats::parse_date;
use super::Article;

/// Reads one article from an HTML page.
pub fn article(html: &str) -> Article {
    let doc = Html::parse_document(html);
    let title = meta_content(&doc, &["og:title", "twitter:title"])
        .or_else(|| first_text(&doc, "title"))
        .or_else(|| first_text(&doc, "h1"))
        .unwrap_or_default();
    let date = meta_content(
        &doc,
        &[
            "article:published_time",
            "og:published_time",
            "date",
            "pubdate",
            "publishdate",
            "dc.date",
            "dcterms.date",
            "datePublished",
            "sailthru.date",
        ],
    )
    .or_else(|| attr_of(&doc, "time[datetime]", "datetime"))
    .and_then(|d| parse_date(&d));
    let source = meta_content(&doc, &["og:site_name", "application-name"]).unwrap_or_default();
    let url = meta_content(&doc, &["og:url"])
        .or_else(|| attr_of(&doc, "link[rel=canonical]", "href"))
        .unwrap_or_default();
    let author = meta_content(&doc, &["author", "article:author"]).unwrap_or_default();
    let text = main_text(&doc);
    Article {
        title,
        date,
        source,
        url,
        author,
        text,
        ..Article::default()
    }
}

/// The page's main text: the blocks of the element that reads most like the story, trimmed;
/// the whole page's text blocks when nothing reads like prose (a short page).
fn main_text(doc: &Html) -> String {
    let page = blocks::flatten(doc);
    let kept: Vec<&blocks::Block> = match score::choose(&page) {
        Some(root) => clean::story(&page, root),
        None => page.blocks.iter().collect(),
    };
    let paras: Vec<&str> = kept.iter().map(|b| b.text.as_str()).collect();
    paras.join("\n\n")
}

/// The text of an HTML fragment (a feed item's content) without choosing a main element:
/// every text block, scripts and navigation left out, paragraphs separated by blank lines.
pub fn fragment_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let page = blocks::flatten(&doc);
    let paras: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
    paras.join("\n\n")
}

fn meta_content(doc: &Html, names: &[&str]) -> Option<String> {
    let sel = Selector::parse("meta").expect("static selector");
    for name in names {
        for m in doc.select(&sel) {
            let v = m.value();
            let key = v
                .attr("property")
                .or_else(|| v.attr("name"))
                .or_else(|| v.attr("itemprop"));
            if key.is_some_and(|k| k.eq_ignore_ascii_case(name)) {
                if let Some(c) = v.attr("content").map(str::trim).filter(|c| !c.is_empty()) {
                    return Some(c.to_string());
                }
            }
        }
    }
    None
}

fn first_text(doc: &Html, sel: &str) -> Option<String> {
    let sel = Selector::parse(sel).ok()?;
    let el = doc.select(&sel).next()?;
    let t = el.text().collect::<Vec<_>>().join(" ");
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

fn attr_of(doc: &Html, sel: &str, attr: &str) -> Option<String> {
    let sel = Selector::parse(sel).ok()?;
    doc.select(&sel)
        .next()?
        .value()
        .attr(attr)
        .map(str::to_string)
}

#[cfg(test)]
mod tests;
