//! Splitting an article into passages (paragraphs, long ones cut at sentence boundaries) and
//! sentences. Byte ranges into the article text, trimmed of surrounding whitespace.

use std::ops::Range;

/// A paragraph longer than this many bytes is cut into passages of whole sentences.
const LONG_PARAGRAPH: usize = 900;
/// Most sentences in one passage cut from a long paragraph.
const MAX_SENTENCES: usize = 5;
/// A passage cut from a long paragraph stops growing past this many bytes.
const TARGET_BYTES: usize = 700;

/// Passages of `text`, in order, as byte ranges.
///
/// Paragraphs are separated by blank lines; in a text without any blank line, each line is a
/// paragraph. A paragraph longer than about 900 bytes is cut at sentence boundaries into passages
/// of 1 to 5 sentences.
pub fn passages(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let blank_separated = text.contains("\n\n") || text.contains("\n\r\n");
    for para in paragraphs(text, blank_separated) {
        if para.len() <= LONG_PARAGRAPH {
            out.push(para);
            continue;
        }
        let sentences = sentences(&text[para.clone()]);
        let mut start: Option<usize> = None;
        let mut count = 0;
        for s in sentences {
            let s = (s.start + para.start)..(s.end + para.start);
            let first = *start.get_or_insert(s.start);
            count += 1;
            if count >= MAX_SENTENCES || s.end - first >= TARGET_BYTES {
                out.push(first..s.end);
                start = None;
                count = 0;
            }
        }
        if let Some(first) = start {
            out.push(first..para.end);
        }
    }
    out
}

fn paragraphs(text: &str, blank_separated: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |a: usize, b: usize| {
        let s = &text[a..b];
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        if !trimmed.is_empty() {
            out.push(a + lead..a + lead + trimmed.len());
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            if !blank_separated {
                push(start, i);
                start = i + 1;
            } else {
                // A blank line: newline, optional spaces, newline.
                let mut j = i + 1;
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == b'\n' {
                    push(start, i);
                    start = j + 1;
                    i = j;
                }
            }
        }
        i += 1;
    }
    push(start, text.len());
    out
}

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: [&str; 40] = [
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st",
    "jr", "sr", "vs", "etc", "inc", "corp", "co", "ltd", "no", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e",
];

/// Sentences of `text` as byte ranges (trimmed), cut after `.`, `!` or `?` (and any closing
/// quotes or brackets) when followed by whitespace and an upper-case letter, digit or opening
/// quote, except after common abbreviations and single initials.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '"' | '\'' | '”' | '’' | ')' | ']' | '.' | '!' | '?'
                )
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next = chars.get(k).map(|&(_, ch)| ch);
            let boundary = k > j
                && next.is_none_or(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '"' | '“' | '‘' | '\'' | '(')
                })
                && !(c == '.' && is_abbreviation(&text[start..pos]));
            if boundary || next.is_none() {
                push_trimmed(text, start, end, &mut out);
                start = end;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, a: usize, b: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[a..b];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(a + lead..a + lead + t.len());
    }
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let lower = word.to_ascii_lowercase();
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(t: &'a str, r: &[Range<usize>]) -> Vec<&'a str> {
        r.iter().map(|r| &t[r.clone()]).collect()
    }

    #[test]
    fn lines_are_paragraphs_without_blank_lines() {
        let t = "One para.\nTwo para.\n";
        assert_eq!(texts(t, &passages(t)), ["One para.", "Two para."]);
    }

    #[test]
    fn blank_lines_separate_wrapped_paragraphs() {
        let t = "Line one\nstill one.\n\n  Second.  \n";
        assert_eq!(texts(t, &passages(t)), ["Line one\nstill one.", "Second."]);
    }

    #[test]
    fn sentences_respect_abbreviations_and_quotes() {
        let t = "Mr. Smith met the U.S. envoy on Jan. 5. \"It went well.\" She agreed! Then J. Doe left.";
        assert_eq!(
            texts(t, &sentences(t)),
            [
                "Mr. Smith met the U.S. envoy on Jan. 5.",
                "\"It went well.\"",
                "She agreed!",
                "Then J. Doe left."
            ]
        );
    }

    #[test]
    fn long_paragraph_is_cut_into_readable_passages() {
        let sentence = "The committee reviewed the ballots again today. ";
        let t = sentence.repeat(40);
        let ps = passages(&t);
        assert!(ps.len() >= 8, "{} passages", ps.len());
        for p in &ps {
            let n = sentences(&t[p.clone()]).len();
            assert!((1..=MAX_SENTENCES).contains(&n), "{n} sentences");
        }
        assert_eq!(ps.first().unwrap().start, 0);
        assert_eq!(ps.last().unwrap().end, t.trim_end().len());
    }
}
