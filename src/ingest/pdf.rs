//! PDF reports: the text layer of every page, in the order the page draws it, with words joined
//! across line breaks and hyphenation, and the header and footer lines that repeat on most pages
//! left out. The article's text is its pages joined by blank lines; `Article::pages` records where
//! each page starts, so passages know their page. Title and date come from the document's
//! metadata when it has them, else the title is the first line.
//!
//! Text comes from `pdf-extract` (over `lopdf`): pure Rust, MIT. A PDF is untrusted input and that
//! reader can panic on damaged files, so it runs under `catch_unwind`; an encrypted file (without
//! an empty user password), a file without a text layer and a damaged one each fail with one reason.

use super::{formats, Article};

/// Reads one PDF file's bytes.
pub fn read(bytes: &[u8]) -> Result<Article, String> {
    let doc =
        lopdf::Document::load_mem(bytes).map_err(|e| format!("damaged PDF ({e}), skipped"))?;
    let (title, date) = metadata(&doc);
    let encrypted = doc.is_encrypted();
    drop(doc);
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
        .map_err(|_| "damaged PDF (its text could not be read), skipped".to_string())?
        .map_err(|e| {
            if encrypted {
                "encrypted PDF, skipped (decrypt it first)".to_string()
            } else {
                format!("damaged PDF ({e}), skipped")
            }
        })?;
    let pages: Vec<Vec<String>> = pages.iter().map(|p| lines(p)).collect();
    if pages.iter().all(|p| p.is_empty()) {
        return Err("no text layer (scanned PDF?), skipped".to_string());
    }
    let repeated = repeated_margins(&pages);
    let mut text = String::new();
    let mut starts = Vec::with_capacity(pages.len());
    for page in &pages {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        starts.push(text.len());
        let kept = strip_margins(page, &repeated);
        text.push_str(&paragraphs(&kept));
    }
    let first_line = pages.iter().flatten().find(|l| !l.trim().is_empty());
    Ok(Article {
        title: title
            .filter(|t| !t.trim().is_empty())
            .or_else(|| first_line.map(|l| l.trim().to_string()))
            .unwrap_or_default(),
        date,
        text,
        pages: starts,
        ..Article::default()
    })
}

/// The Info dictionary's title and creation date, when present.
fn metadata(doc: &lopdf::Document) -> (Option<String>, Option<crate::extract::types::CivilDate>) {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .and_then(|id| doc.get_dictionary(id).ok());
    let Some(info) = info else {
        return (None, None);
    };
    let text = |key: &[u8]| {
        info.get(key)
            .ok()
            .and_then(|o| o.as_str().ok())
            .map(decode_text_string)
    };
    let date = text(b"CreationDate").and_then(|d| {
        // D:YYYYMMDDHHmmSS...
        let d = d.trim_start_matches("D:");
        (d.len() >= 8 && d[..8].bytes().all(|b| b.is_ascii_digit()))
            .then(|| formats::parse_date(&format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8])))
            .flatten()
    });
    (text(b"Title"), date)
}

/// A PDF text string: UTF-16BE with a byte-order mark, else PDFDocEncoding (read as Latin-1).
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// A page's lines, trimmed at the end, with blank lines kept (they separate paragraphs).
fn lines(page: &str) -> Vec<String> {
    page.lines().map(|l| l.trim_end().to_string()).collect()
}

/// A line's shape for comparing headers and footers across pages: digits stand for any number.
fn shape(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    let t = t.split(" of ").next().unwrap_or(t);
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())
}

/// Shapes of the running header and footer lines: the first and last line of a page (and the
/// line next to either when that one is a page number) that recur on at least half of the pages,
/// three pages or more.
fn repeated_margins(pages: &[Vec<String>]) -> std::collections::HashSet<String> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in pages {
        let body: Vec<&String> = page.iter().filter(|l| !l.trim().is_empty()).collect();
        let mut margins: Vec<&String> = Vec::new();
        for side in [body.clone(), body.iter().rev().copied().collect()] {
            if let Some(first) = side.first() {
                margins.push(first);
                if is_page_number(first) {
                    margins.extend(side.get(1));
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        for l in margins {
            let s = shape(l);
            if !s.is_empty() && seen.insert(s.clone()) {
                *counts.entry(s).or_default() += 1;
            }
        }
    }
    let need = pages.len().div_ceil(2).max(3);
    counts
        .into_iter()
        .filter(|(_, n)| *n >= need)
        .map(|(s, _)| s)
        .collect()
}

/// A page's lines without its running header and footer: up to two lines at the top and two at
/// the bottom that are repeated margins or page numbers (a number inside the page is text).
fn strip_margins<'a>(
    page: &'a [String],
    repeated: &std::collections::HashSet<String>,
) -> Vec<&'a str> {
    let margin =
        |l: &String| l.trim().is_empty() || repeated.contains(&shape(l)) || is_page_number(l);
    let mut start = 0;
    let mut dropped = 0;
    while start < page.len() && dropped < 2 && margin(&page[start]) {
        dropped += usize::from(!page[start].trim().is_empty());
        start += 1;
    }
    let mut end = page.len();
    dropped = 0;
    while end > start && dropped < 2 && margin(&page[end - 1]) {
        dropped += usize::from(!page[end - 1].trim().is_empty());
        end -= 1;
    }
    page[start..end].iter().map(String::as_str).collect()
}

/// Lines into paragraphs: a blank line ends one; lines of a paragraph are joined by a space, or
/// by nothing when a line ends with a hyphen after a letter and the next starts with a
/// lowercase letter ("elec-" + "tion").
fn paragraphs(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut para = String::new();
    let flush = |para: &mut String, out: &mut String| {
        if !para.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(para.trim());
            para.clear();
        }
    };
    for line in lines {
        let l = line.trim();
        if l.is_empty() {
            flush(&mut para, &mut out);
            continue;
        }
        if para.is_empty() {
            para.push_str(l);
            continue;
        }
        let hyphenated = para.ends_with('-')
            && para[..para.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            && l.chars().next().is_some_and(char::is_lowercase);
        if hyphenated {
            para.pop();
        } else {
            para.push(' ');
        }
        para.push_str(l);
    }
    flush(&mut para, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_join_into_paragraphs_across_hyphens() {
        let got = paragraphs(&[
            "The commission re-",
            "viewed the elec-",
            "tion results in Ohio.",
            "",
            "A second paragraph.",
        ]);
        assert_eq!(
            got,
            "The commission reviewed the election results in Ohio.\n\nA second paragraph."
        );
        // A hyphen before a capital is kept: "Franco-" + "German".
        assert_eq!(
            paragraphs(&["Franco-", "German talks"]),
            "Franco- German talks"
        );
    }

    #[test]
    fn running_headers_and_page_numbers() {
        let page = |n: usize| {
            vec![
                "Annual Report 2020".to_string(),
                format!("Body text {}.", "on this page ".repeat(n)),
                "More body text.".to_string(),
                format!("Last body line {}.", "again ".repeat(n)),
                "The Board of Elections".to_string(),
                format!("{n}"),
            ]
        };
        let pages: Vec<Vec<String>> = (1..=4).map(page).collect();
        let rep = repeated_margins(&pages);
        assert!(rep.contains("Annual Report ####"), "{rep:?}");
        assert!(rep.contains("The Board of Elections"), "{rep:?}");
        assert_eq!(rep.len(), 3, "{rep:?}");
        let page: Vec<String> = [
            "Annual Report 2020",
            "Votes in",
            "2016",
            "Text.",
            "The Board of Elections",
            "3",
        ]
        .map(String::from)
        .to_vec();
        // A number inside the page (a table cell, a year) is text.
        assert_eq!(strip_margins(&page, &rep), ["Votes in", "2016", "Text."]);
        assert!(is_page_number("12") && is_page_number("Page 3") && !is_page_number("2020 was"));
    }

    #[test]
    fn text_strings() {
        assert_eq!(decode_text_string(b"\xfe\xff\x00H\x00i"), "Hi");
        assert_eq!(decode_text_string(b"Report"), "Report");
    }
}
