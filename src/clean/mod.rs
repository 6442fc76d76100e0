//! Boilerplate: the lines of scraped news text that are not the article ("Advertisement", photo
//! credits, link lists, newsletter prompts), found so that passages and extraction leave them
//! aside while every offset still points into the original text.
//!
//! Two kinds of evidence: the line itself (`captions`, `link_lists`: the same answer in any
//! corpus) and the corpus (`lines`: a short line that at least [`REPEATED_IN`] articles of the
//! same source carry). The corpus statistic lives in the index (`index::lines`), so an index built
//! in several runs, or merged from shards, settles on the same answer as one run.

pub mod captions;
pub mod lines;
pub mod link_lists;

use std::borrow::Cow;
use std::ops::Range;

/// A short line without the shape of a sentence ("Advertisement", "Story continued below") is
/// boilerplate when at least this many articles of its source carry it.
pub const REPEATED_IN: u64 = 3;
/// A line shaped like a sentence needs this many: a story's updates and reprints by one outlet
/// repeat its short paragraphs a few times over, while a site's furniture ("Click here for reprint
/// permission.") repeats in dozens.
pub const SENTENCE_REPEATED_IN: u64 = 10;

/// How many articles of its source must carry the line of `key` for it to be boilerplate.
pub fn threshold(key: u64) -> u64 {
    if lines::is_sentence_key(key) {
        SENTENCE_REPEATED_IN
    } else {
        REPEATED_IN
    }
}

/// What was found in one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cleaning {
    /// Byte ranges left out of passages and extraction: sorted, disjoint, whole lines.
    pub skipped: Vec<Range<usize>>,
    /// Keys of the article's short lines (the corpus statistic counts articles per key).
    pub lines: Vec<u64>,
    /// The keys among `lines` that the corpus statistic called repeated when the article was
    /// extracted (kept so that a later run can tell which articles need extracting again).
    pub repeated: Vec<u64>,
}

/// Finds the boilerplate of `text` (an article of `source`); `repeated` says whether a line key
/// is repeated across the source. With `keep`, lines are keyed but nothing is skipped.
pub fn clean(source: &str, text: &str, keep: bool, repeated: impl Fn(u64) -> bool) -> Cleaning {
    clean_keyed(text, lines::keyed_lines(source, text), keep, repeated)
}

/// [`clean`] with the article's keyed lines already found (`lines::keyed_lines`).
pub fn clean_keyed(
    text: &str,
    keyed: Vec<lines::KeyedLine>,
    keep: bool,
    repeated: impl Fn(u64) -> bool,
) -> Cleaning {
    let mut out = Cleaning {
        lines: keyed.iter().map(|l| l.key).collect(),
        repeated: keyed
            .iter()
            .map(|l| l.key)
            .filter(|&k| repeated(k))
            .collect(),
        skipped: Vec::new(),
    };
    if keep {
        return out;
    }
    let all: Vec<Range<usize>> = lines::lines(text).collect();
    let mut skipped: Vec<Range<usize>> = keyed
        .iter()
        .filter(|l| out.repeated.contains(&l.key))
        .map(|l| l.range.clone())
        .collect();
    // A repeated line appears once among `keyed`; its repetitions inside the article go too.
    let repeated_text: Vec<&str> = skipped.iter().map(|r| &text[r.clone()]).collect();
    for r in &all {
        let line = &text[r.clone()];
        if repeated_text.iter().any(|t| t.eq_ignore_ascii_case(line)) || captions::is_caption(line)
        {
            skipped.push(r.clone());
        }
    }
    skipped.extend(link_lists::link_lists(text, &all));
    out.skipped = merge(skipped);
    // An article that would keep no text keeps it all: better boilerplate than nothing.
    let covered = |r: &Range<usize>| {
        out.skipped
            .iter()
            .any(|s| s.start <= r.start && r.end <= s.end)
    };
    if all.iter().all(covered) {
        out.skipped.clear();
    }
    out
}

/// Sorted, disjoint ranges covering the same bytes.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Runs every extractor over `text` with the skipped ranges left aside: the extractors read the
/// masked text (same offsets), and no passage holds a skipped byte.
pub fn extract(
    text: &str,
    date: Option<crate::extract::types::CivilDate>,
    skipped: &[Range<usize>],
) -> crate::extract::Extraction {
    let masked = mask(text, skipped);
    let mut ex = crate::extract::extract(&masked, date);
    ex.passages = passages_around(text, ex.passages, skipped);
    ex
}

/// `text` with the skipped bytes made spaces (line breaks kept), so the extractors read the same
/// offsets without the boilerplate.
pub fn mask<'a>(text: &'a str, skipped: &[Range<usize>]) -> Cow<'a, str> {
    if skipped.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for r in skipped {
        for b in &mut bytes[r.clone()] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Whole characters were replaced (ranges are whole lines), so the bytes stay UTF-8.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
}

/// Cuts `passages` around the skipped ranges: no passage holds a skipped byte; the white space at
/// each cut stays outside both parts.
pub fn passages_around(
    text: &str,
    passages: Vec<Range<usize>>,
    skipped: &[Range<usize>],
) -> Vec<Range<usize>> {
    if skipped.is_empty() {
        return passages;
    }
    let mut out = Vec::with_capacity(passages.len());
    for p in passages {
        let mut start = p.start;
        for s in skipped
            .iter()
            .filter(|s| s.start < p.end && p.start < s.end)
        {
            push_trimmed(text, start..s.start.max(start), &mut out);
            start = s.end.max(start);
        }
        push_trimmed(text, start..p.end.max(start), &mut out);
    }
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let len = s.trim().len();
    if len > 0 {
        out.push(r.start + lead..r.start + lead + len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "WASHINGTON (AP) -- Officials said the vote was secure.\n\nAdvertisement\n\nThe agency found no evidence of tampering.\nREUTERS/Jane Doe - RC19CEF89570\nIt will report again in May.\n\nRelated:\nSenate Panel Opens New Inquiry Into Ads\nWhat We Know About the Hacked Emails";

    #[test]
    fn repeated_lines_captions_and_link_lists_are_skipped() {
        let c = clean("Wire", STORY, false, |k| {
            k == lines::keyed_lines("wire", "advertisement")[0].key
        });
        let skipped: Vec<&str> = c.skipped.iter().map(|r| &STORY[r.clone()]).collect();
        assert_eq!(
            skipped,
            [
                "Advertisement",
                "REUTERS/Jane Doe - RC19CEF89570",
                "Related:\nSenate Panel Opens New Inquiry Into Ads\nWhat We Know About the Hacked Emails"
            ]
        );
        assert_eq!(c.repeated.len(), 1);
        assert!(c.lines.len() >= 4);
        let masked = mask(STORY, &c.skipped);
        assert_eq!(masked.len(), STORY.len());
        assert!(!masked.contains("Advertisement") && masked.starts_with("WASHINGTON (AP)"));
    }

    #[test]
    fn keep_skips_nothing_and_still_keys_lines() {
        let c = clean("Wire", STORY, true, |_| true);
        assert!(c.skipped.is_empty());
        assert_eq!(c.lines, c.repeated);
    }

    #[test]
    fn an_article_of_boilerplate_only_keeps_its_text() {
        let c = clean("Wire", "Advertisement\nPhoto: Jane Doe", false, |_| true);
        assert!(c.skipped.is_empty());
        // A link list spans the line breaks between its lines: still all of the text.
        let list = "Related:\nSenate Panel Opens New Inquiry Into Ads\nWhat We Know About the Hacked Emails";
        assert!(clean("Wire", list, false, |_| false).skipped.is_empty());
    }

    #[test]
    fn passages_never_hold_a_skipped_byte() {
        let text = "First part.\nAdvertisement\nSecond part.";
        let skipped: Vec<Range<usize>> = std::iter::once(12..25).collect();
        let whole: Vec<Range<usize>> = std::iter::once(0..text.len()).collect();
        let got = passages_around(text, whole, &skipped);
        let parts: Vec<&str> = got.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(parts, ["First part.", "Second part."]);
    }
}
