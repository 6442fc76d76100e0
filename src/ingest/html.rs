//! HTML pages: the article's main text (from `<article>`, `<main>` or `<body>`, without scripts,
//! styles, navigation, headers, footers, asides and forms), its title, and its published date
//! from the usual meta tags.

use scraper::{ElementRef, Html, Node, Selector};

use super::formats::parse_date;
use super::Article;

/// Elements whose text is never article text.
const SKIP: [&str; 12] = [
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg",
    "iframe", "button",
];

/// Elements that end a paragraph.
const BLOCKS: [&str; 17] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "tr",
    "br",
    "figcaption",
];

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
    let root = ["article", "main", "body"]
        .iter()
        .find_map(|sel| {
            doc.select(&Selector::parse(sel).expect("static selector"))
                .next()
        })
        .unwrap_or_else(|| doc.root_element());
    let mut text = String::new();
    collect(root, &mut text);
    let text = tidy(&text);
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

fn collect(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push_str("\n\n");
                }
                if let Some(child) = ElementRef::wrap(child) {
                    collect(child, out);
                }
                if block {
                    out.push_str("\n\n");
                }
            }
            _ => {}
        }
    }
}

/// Collapses runs of spaces inside paragraphs and keeps one blank line between paragraphs.
fn tidy(raw: &str) -> String {
    let mut paras = Vec::new();
    for para in raw.split("\n\n") {
        let words: Vec<&str> = para.split_whitespace().collect();
        if !words.is_empty() {
            paras.push(words.join(" "));
        }
    }
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
mod tests {
    use super::*;
    use crate::extract::types::CivilDate;

    #[test]
    fn main_text_without_chrome() {
        let page = r#"<html><head><title>Site | Story</title>
            <meta property="og:title" content="The story">
            <meta property="article:published_time" content="2020-10-21T08:00:00Z">
            <script>var x = "not text";</script><style>p{}</style></head>
            <body><nav>Home News</nav><article><h1>The story</h1>
            <p>First   paragraph <b>bold</b>.</p><p>Second.</p><aside>Ad</aside></article>
            <footer>Copyright</footer></body></html>"#;
        let a = article(page);
        assert_eq!(a.title, "The story");
        assert_eq!(a.date, CivilDate::new(2020, 10, 21));
        assert_eq!(a.text, "The story\n\nFirst paragraph bold.\n\nSecond.");
    }

    #[test]
    fn scripts_only_page_has_no_text() {
        let a = article("<html><script>alert(1)</script><style>b{}</style></html>");
        assert_eq!(a.text, "");
    }
}
