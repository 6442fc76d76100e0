//! Splitting an article into passages (short paragraphs joined, long ones cut at sentence
//! boundaries) and sentences. Byte ranges into the article text, trimmed of surrounding whitespace.

use std::ops::Range;

/// A paragraph longer than this many bytes is cut into passages of whole sentences; paragraphs
/// are never joined past it.
const LONG_PARAGRAPH: usize = 900;
/// Paragraphs shorter than this many bytes are joined with the ones after them: news paragraphs
/// are often a sentence (median about 160 bytes), too little context for a search hit.
const SHORT_PASSAGE: usize = 400;
/// Most sentences in one passage cut from a long paragraph.
const MAX_SENTENCES: usize = 5;
/// A passage cut from a long paragraph stops growing past this many bytes.
const TARGET_BYTES: usize = 700;

/// Passages of `text`, in order, as byte ranges.
///
/// Paragraphs are separated by blank lines; in a text without any blank line, each line is a
/// paragraph. Consecutive paragraphs are joined into one passage until it holds at least about
/// 400 bytes, never past 900; a paragraph longer than 900 bytes is cut at sentence boundaries
/// into passages of 1 to 5 sentences.
pub fn passages(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let blank_separated = text.contains("\n\n") || text.contains("\n\r\n");
    let mut open: Option<Range<usize>> = None;
    for para in paragraphs(text, blank_separated) {
        if para.len() > LONG_PARAGRAPH {
            // A short passage before it (a dateline, a heading) opens its first passage.
            let lead = match open.take() {
                Some(p) if p.len() < SHORT_PASSAGE => Some(p.start),
                Some(p) => {
                    out.push(p);
                    None
                }
                None => None,
            };
            cut_long(text, para, lead, &mut out);
            continue;
        }
        open = Some(match open.take() {
            Some(p) if p.len() < SHORT_PASSAGE && para.end - p.start <= LONG_PARAGRAPH => {
                p.start..para.end
            }
            Some(p) => {
                out.push(p);
                para
            }
            None => para,
        });
    }
    out.extend(open);
    out
}

/// Cuts the long paragraph `para` into passages of whole sentences, the first starting at `lead`
/// when a short passage comes before it.
fn cut_long(text: &str, para: Range<usize>, lead: Option<usize>, out: &mut Vec<Range<usize>>) {
    let mut start: Option<usize> = lead;
    let mut count = 0;
    for s in sentences(&text[para.clone()]) {
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

/// Cuts passages at page starts (byte offsets into `text`), so no passage spans two pages of a
/// paged document; the whitespace at each cut stays outside both parts.
pub fn split_at_pages(
    text: &str,
    passages: Vec<Range<usize>>,
    pages: &[usize],
) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(passages.len() + pages.len());
    for p in passages {
        let mut start = p.start;
        for &b in pages.iter().filter(|&&b| p.start < b && b < p.end) {
            let end = start + text[start..b].trim_end().len();
            if end > start {
                out.push(start..end);
            }
            start = b;
        }
        if p.end > start {
            out.push(start..p.end);
        }
    }
    out
}

#[cfg(test)]
mod split_tests {
    #[test]
    fn passages_are_cut_at_page_starts() {
        let text = "Page one text.\n\nPage two text.\n\nPage three.";
        let pages = [0, 16, 32];
        let whole: Vec<std::ops::Range<usize>> = std::iter::once(0..text.len()).collect();
        let got = super::split_at_pages(text, whole, &pages);
        let parts: Vec<&str> = got.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(parts, ["Page one text.", "Page two text.", "Page three."]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(t: &'a str, r: &[Range<usize>]) -> Vec<&'a str> {
        r.iter().map(|r| &t[r.clone()]).collect()
    }

    /// A paragraph of `n` bytes: words, ending in a period.
    fn para(word: &str, n: usize) -> String {
        let mut p = format!("{word} ").repeat(n / (word.len() + 1) + 1);
        p.truncate(n - 1);
        p.push('.');
        p
    }

    #[test]
    fn lines_are_paragraphs_without_blank_lines() {
        let (a, b) = (para("one", 450), para("two", 450));
        let t = format!("{a}\n{b}\n");
        assert_eq!(texts(&t, &passages(&t)), [a.as_str(), b.as_str()]);
    }

    #[test]
    fn blank_lines_separate_wrapped_paragraphs() {
        let (a, b) = (para("one", 450), para("two", 450));
        let t = format!("{}\n{}\n\n  {b}  \n", &a[..200], &a[201..]);
        let wrapped = format!("{}\n{}", &a[..200], &a[201..]);
        assert_eq!(texts(&t, &passages(&t)), [wrapped.as_str(), b.as_str()]);
    }

    #[test]
    fn short_paragraphs_are_joined_into_passages_of_a_few_hundred_bytes() {
        let t = "One para.\nTwo para.\n";
        assert_eq!(texts(t, &passages(t)), ["One para.\nTwo para."]);

        let paras: Vec<String> = (0..10).map(|i| para(&format!("w{i}"), 150)).collect();
        let t = paras.join("\n\n");
        let ps = passages(&t);
        // 150-byte paragraphs: three to a passage (3 x 150 + 2 x 2 bytes of blank lines).
        let expect: Vec<String> = paras.chunks(3).map(|c| c.join("\n\n")).collect();
        assert_eq!(texts(&t, &ps), expect);

        // A short passage before a long paragraph opens the long one's first passage; a passage
        // long enough stays apart.
        let long = "The committee reviewed the ballots again today. ".repeat(30);
        let t = format!("{}\n\n{}\n\n{}", paras[0], long.trim_end(), paras[1]);
        let ps = passages(&t);
        assert_eq!(ps[0].start, 0);
        assert!(texts(&t, &ps[..1])[0].ends_with("again today."));
        assert!(ps[0].len() < LONG_PARAGRAPH);
        assert_eq!(texts(&t, &ps[ps.len() - 1..]), [paras[1].as_str()]);
        assert!(ps.len() > 3);
        let three = paras[..3].join("\n\n");
        let t = format!("{three}\n\n{}", long.trim_end());
        let ps = passages(&t);
        assert_eq!(texts(&t, &ps[..1]), [three.as_str()]);

        // Joining stops before a passage would pass 900 bytes.
        let (a, b) = (para("a", 380), para("b", 600));
        let t = format!("{a}\n{b}");
        assert_eq!(texts(&t, &passages(&t)), [a.as_str(), b.as_str()]);
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
