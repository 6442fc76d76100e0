//! The human-readable printer: one block per hit, matches in bold color when color is on.
//! Indexed text passes through [`super::neutralize`] so it cannot send terminal escapes.

use std::io::{self, Write};

use super::neutralize;
use crate::search::Hit;

const BOLD_RED: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Prints `hits` for a person; `color` turns on ANSI styling.
pub fn hits<W: Write>(out: &mut W, hits: &[Hit], color: bool) -> io::Result<()> {
    let style = |s: &'static str| if color { s } else { "" };
    for h in hits {
        let title = if h.title.is_empty() {
            "(untitled)"
        } else {
            &h.title
        };
        write!(out, "{}{}. ", style(BOLD), h.rank)?;
        if h.title.is_empty() {
            write!(out, "{title}")?;
        } else {
            write_marked(out, &h.title, &h.title_highlights, color, BOLD)?;
        }
        write!(out, "{}", style(RESET))?;
        let mut meta = Vec::new();
        if let Some(d) = &h.date {
            meta.push(d.clone());
        }
        if !h.source.is_empty() {
            meta.push(neutralize(&h.source).into_owned());
        }
        meta.push(format!("score {:.2}", h.score));
        if h.copies > 0 {
            meta.push(format!(
                "+{} {}",
                h.copies,
                if h.copies == 1 { "copy" } else { "copies" }
            ));
        }
        writeln!(out, "  {}{}{}", style(DIM), meta.join(" · "), style(RESET))?;
        let line = h.line.map(|l| format!(":{l}")).unwrap_or_default();
        let page = h.page.map(|p| format!(" p. {p}")).unwrap_or_default();
        writeln!(
            out,
            "   {}{}{line}#{}{page}{}",
            style(DIM),
            neutralize(&h.path),
            h.passage,
            style(RESET)
        )?;
        write!(out, "   ")?;
        write_marked(out, &h.text, &h.highlights, color, "")?;
        writeln!(out)?;
        if !h.actors.is_empty() {
            writeln!(
                out,
                "   {}actors:{} {}",
                style(DIM),
                style(RESET),
                neutralize(&h.actors.join(", "))
            )?;
        }
        for q in &h.quotes {
            let who = q.speaker.as_deref().unwrap_or("unattributed");
            writeln!(
                out,
                "   {}quote:{} “{}” — {}",
                style(DIM),
                style(RESET),
                neutralize(&q.text),
                neutralize(who)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Writes `text` with the character ranges `marks` in bold red (or `[bracketed]` without color);
/// `after` is the style to return to after a mark.
fn write_marked<W: Write>(
    out: &mut W,
    text: &str,
    marks: &[[usize; 2]],
    color: bool,
    after: &str,
) -> io::Result<()> {
    let chars: Vec<char> = text.chars().collect();
    let mut pos = 0;
    for [s, e] in marks {
        let (s, e) = ((*s).min(chars.len()), (*e).min(chars.len()));
        if s < pos {
            continue;
        }
        write_text(out, &chars[pos..s])?;
        if color {
            write!(out, "{BOLD_RED}")?;
        } else {
            // Without color, matches stay visible as [brackets].
            write!(out, "[")?;
        }
        write_text(out, &chars[s..e])?;
        if color {
            write!(out, "{RESET}{after}")?;
        } else {
            write!(out, "]")?;
        }
        pos = e;
    }
    write_text(out, &chars[pos..])
}

fn write_text<W: Write>(out: &mut W, chars: &[char]) -> io::Result<()> {
    let s: String = chars.iter().collect();
    // Passage newlines are indented to stay under the hit.
    write!(out, "{}", neutralize(&s).replace('\n', "\n   "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::HitQuote;

    fn hit() -> Hit {
        Hit {
            rank: 1,
            score: 1.5,
            doc_id: "x".into(),
            cluster: "x".into(),
            copies: 11,
            title: "T".into(),
            date: Some("2021-03-17".into()),
            source: "S".into(),
            url: String::new(),
            path: "a.txt".into(),
            line: None,
            passage: 2,
            page: Some(7),
            text: "Voting systems \u{1b}[2J held.".into(),
            highlights: vec![[0, 14]],
            title_highlights: vec![[0, 1]],
            actors: vec!["Russia".into()],
            quotes: vec![HitQuote {
                text: "q".into(),
                speaker: Some("Jane Roe".into()),
                direct: true,
            }],
            dates: vec![],
        }
    }

    #[test]
    fn plain_output_has_no_escape_codes() {
        let mut out = Vec::new();
        hits(&mut out, &[hit()], false).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(!s.contains('\u{1b}'), "{s}");
        assert!(s.contains("[Voting systems] \\u{1b}[2J held."), "{s}");
        assert!(s.contains("quote: “q” — Jane Roe"), "{s}");
        assert!(s.contains("score 1.50 · +11 copies"), "{s}");
        assert!(s.starts_with("1. [T]"), "{s}");
        assert!(s.contains("a.txt#2 p. 7"), "{s}");
    }

    #[test]
    fn csv_columns_of_search_are_the_json_keys() {
        assert_eq!(
            crate::output::csv::keys_of(&hit()),
            crate::output::json::HIT_KEYS
        );
    }

    #[test]
    fn color_output_marks_matches() {
        let mut out = Vec::new();
        hits(&mut out, &[hit()], true).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("\x1b[1;31mVoting systems\x1b[0m"), "{s}");
    }
}
