//! The lines of an article that a corpus statistic can call boilerplate: short lines, keyed by
//! their source and normalized text, so the same line in many articles of one source is counted
//! once per article.

use std::ops::Range;

/// A line longer than this many bytes (trimmed) is prose, never repeated boilerplate.
pub const MAX_LINE: usize = 100;

/// A short line of an article and its key (source and normalized text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyedLine {
    /// Byte range of the trimmed line in the article text.
    pub range: Range<usize>,
    pub key: u64,
}

/// Every line of `text` as a trimmed byte range, empty lines left out.
pub fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').filter_map(move |raw| {
        let at = start;
        start += raw.len();
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        (!trimmed.is_empty()).then(|| at + lead..at + lead + trimmed.len())
    })
}

/// The short lines of `text` that could be repeated boilerplate, each key once (an article counts
/// once for a line however often it repeats it), in text order.
pub fn keyed_lines(source: &str, text: &str) -> Vec<KeyedLine> {
    let source = normalize(source);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut keep = |range: Range<usize>| {
        let line = &text[range.clone()];
        let key = line_key(&source, &normalize(line), is_sentence(line));
        if seen.insert(key) {
            out.push(KeyedLine { range, key });
        }
    };
    let mut last = None;
    for range in lines(text) {
        last = Some(range.clone());
        if eligible(&text[range.clone()]) {
            keep(range);
        }
    }
    // A sign-off run into the last sentence ("... in deposits. Reuter") is keyed as the same line
    // standing alone ("Reuter"), so one statistic decides both. (When the last line is short it
    // is keyed whole above; its sign-off counts apart.)
    if let Some(range) = last.and_then(|r| sign_off(text, r)) {
        keep(range);
    }
    out
}

/// Most bytes of a sign-off after the last sentence of an article.
const MAX_SIGN_OFF: usize = 40;

/// The words closing the line `last` when they look like a sign-off: one to three capitalized
/// words without punctuation at the very end of the article, after a sentence that ends with a
/// number or a word of three letters or more (so "Mr. Smith" is not cut after "Mr."), or after
/// a lower-case word or a figure (the end of a table row: "Revs 43.6 mln Reuter"). None when they
/// are the whole line (a short line is a candidate by itself).
fn sign_off(text: &str, last: Range<usize>) -> Option<Range<usize>> {
    let line = &text[last.clone()];
    let is_name_word =
        |w: &str| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic);
    let mut start = line.len();
    let mut words = 0;
    let mut before = "";
    for w in line.rsplit(char::is_whitespace).filter(|w| !w.is_empty()) {
        if words < 3 && is_name_word(w) {
            words += 1;
            start = w.as_ptr() as usize - line.as_ptr() as usize;
        } else {
            before = w;
            break;
        }
    }
    if words == 0 || before.is_empty() || line.len() - start > MAX_SIGN_OFF {
        return None;
    }
    let ok = match before.strip_suffix(['.', '?', '!']) {
        // After a sentence: not after an abbreviation ("Mr.", "Gov.", "U.S.").
        Some(word) => {
            let word = word
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or_default();
            let n = word.chars().count();
            word.chars().all(|c| c.is_ascii_digit()) && n > 0
                || (n >= 3
                    && !word.ends_with(char::is_uppercase)
                    && !(word.starts_with(char::is_uppercase) && n < 4))
        }
        // Inside a sentence or a table row: after a lower-case word or a figure only.
        None => before.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()),
    };
    ok.then(|| last.start + start..last.end)
}

/// A short line with a letter or digit that is none of: a dateline (it carries the place and the
/// date of the story), a bracketed editorial marker (`[Redacted]`, the document's own text), a
/// line with a quotation (someone's words are the story however often it is reprinted).
fn eligible(line: &str) -> bool {
    line.len() <= MAX_LINE
        && line.chars().any(char::is_alphanumeric)
        && !is_dateline(line)
        && !(line.starts_with('[') && line.ends_with(']'))
        && !line.contains(['"', '“', '”'])
}

/// "LONDON (Reuters) -", "HAVANA (AP) --", "WASHINGTON, Oct. 3 —", "LONDON 1996-08-31": a run of
/// capitals (the place) followed, early in the line, by an agency in brackets, a dash or a digit.
pub fn is_dateline(line: &str) -> bool {
    let caps = line
        .chars()
        .take_while(|c| c.is_uppercase() || matches!(c, ' ' | ',' | '.' | '\''))
        .filter(|c| c.is_uppercase())
        .count();
    if caps < 3 {
        return false;
    }
    let head: String = line.chars().take(48).collect();
    head.contains('(')
        || head.contains(" -")
        || head.contains('—')
        || head.contains('–')
        || head.chars().any(|c| c.is_ascii_digit())
}

/// Lower case with runs of white space made one space.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Ends like a sentence (a period, question or exclamation mark, maybe inside a closing bracket).
fn is_sentence(line: &str) -> bool {
    line.trim_end_matches([')', ']', '\'', '’'])
        .ends_with(['.', '?', '!'])
}

/// The key of a normalized line of `source`; its lowest bit says whether it is a sentence.
fn line_key(source: &str, line: &str, sentence: bool) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(source.as_bytes());
    h.update(&[0x1f]);
    h.update(line.as_bytes());
    (h.digest() & !1) | u64::from(sentence)
}

/// Whether the line of `key` is shaped like a sentence.
pub fn is_sentence_key(key: u64) -> bool {
    key & 1 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_keyed_by_source_and_normalized_text() {
        let a = keyed_lines(
            "The Daily",
            "Advertisement\nA long line of prose.\n\n  ADVERTISEMENT  \n",
        );
        assert_eq!(a.len(), 2, "{a:?}");
        let b = keyed_lines("the daily", "advertisement");
        assert_eq!(a[0].key, b[0].key, "case and spacing do not matter");
        let other = keyed_lines("Other Paper", "Advertisement");
        assert_ne!(a[0].key, other[0].key, "each source counts its own lines");
        let twice = keyed_lines("x", "Share\nShare\n");
        assert_eq!(twice.len(), 1, "an article counts a line once");
    }

    #[test]
    fn datelines_markers_and_prose_are_not_candidates() {
        for line in [
            "LONDON (Reuters) -",
            "HAVANA (AP) --",
            "WASHINGTON, Oct. 3 —",
            "LONDON 1996-08-31",
            "[Redacted: Harm to Ongoing Matter]",
            "***",
            "Jane Roe said \"the vote is fine\" in 2004.",
        ] {
            assert!(keyed_lines("s", line).is_empty(), "{line}");
        }
        let prose = "word ".repeat(30);
        assert!(keyed_lines("s", &prose).is_empty());
        assert_eq!(keyed_lines("s", "USA TODAY").len(), 1);
        assert!(!is_sentence_key(keyed_lines("s", "USA TODAY")[0].key));
        assert!(is_sentence_key(
            keyed_lines("s", "Click here for permission.")[0].key
        ));
    }

    #[test]
    fn a_sign_off_after_the_last_sentence_counts_as_its_own_line() {
        let prose = "The bank said the network would link 31 banks having 13.5 billion dlrs in assets and 7.5 billion dlrs in deposits.";
        let run_in = format!("{prose} Reuter");
        let got = keyed_lines("wire", &run_in);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(&run_in[got[0].range.clone()], "Reuter");
        let alone = keyed_lines("wire", &format!("{prose}\n\nReuter"));
        assert_eq!(got[0].key, alone[0].key, "run in or alone, one line");
        // Not a sign-off: a sentence that goes on, an abbreviation, lower case, a long tail.
        let table = "Shr 1.16 dlrs vs 68 cts\n\nRevs 110.0 mln vs 85.4 mln Reuter";
        let got = keyed_lines("wire", table);
        assert_eq!(&table[got.last().unwrap().range.clone()], "Reuter");
        let short = "Service starts April 22. Reuter";
        let got = keyed_lines("wire", short);
        assert_eq!(got.len(), 2, "the short line and its sign-off: {got:?}");
        assert_eq!(got[1].key, alone[0].key);
        for tail in [
            " And so on.",
            " the end",
            " Reuter 1987",
            " One Two Three Four",
        ] {
            assert!(
                keyed_lines("wire", &format!("{prose}{tail}")).is_empty(),
                "{tail}"
            );
        }
        for ending in [
            " said Mr. Smith",
            " in the U.S. Senate",
            " by Maryland Gov. Hogan",
        ] {
            let line = format!("{}{ending}", &prose[..prose.len() - 1]);
            assert!(keyed_lines("wire", &line).is_empty(), "{ending}");
        }
    }

    #[test]
    fn line_ranges_point_at_the_trimmed_lines() {
        let t = "  one \r\n\ntwo";
        let got: Vec<&str> = lines(t).map(|r| &t[r]).collect();
        assert_eq!(got, ["one", "two"]);
    }
}
