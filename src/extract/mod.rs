//! Extraction: an article's text in, its passages, actors, dates and quotes out.
//!
//! Pure functions over `&str`, no I/O. Each extractor lives in its own module and can be
//! replaced on its own; they share the plain types of [`types`]. Offsets are byte offsets;
//! [`CharMap`] converts them to the character offsets of the JSON contracts.

pub mod actors;
pub mod dates;
pub mod passages;
pub mod quotes;
pub mod types;

use std::ops::Range;

use types::{ActorMention, CivilDate, DateMention, QuoteMention};

/// Everything extracted from one article's text.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    /// Passage byte ranges, in order.
    pub passages: Vec<Range<usize>>,
    /// Actor mentions, sorted by start.
    pub actors: Vec<ActorMention>,
    /// Date mentions, sorted by start.
    pub dates: Vec<DateMention>,
    /// Direct quotations (a sentence or more of someone's words), sorted by start.
    pub quotes: Vec<QuoteMention>,
    /// Partial and scare quotes woven into the reporter's sentence, sorted by start.
    pub partial_quotes: Vec<QuoteMention>,
}

/// Runs every extractor over `text`; `date` is the article date that relative dates resolve against.
pub fn extract(text: &str, date: Option<CivilDate>) -> Extraction {
    let actors = actors::Tagger::shipped().tag(text);
    let (mut quotes, mut partial_quotes) = (Vec::new(), Vec::new());
    for q in quotes::analyze(text, &actors) {
        if q.direct {
            quotes.push(q.mention);
        } else {
            partial_quotes.push(q.mention);
        }
    }
    Extraction {
        passages: passages::passages(text),
        dates: calendar_dates(text, date),
        actors,
        quotes,
        partial_quotes,
    }
}

/// The date mentions that name a period of the calendar. The tagger also recognizes reference
/// words ("now", "recently", "in the future": TIMEX3 `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`),
/// but they place nothing on a calendar, so dossier neither reports nor indexes them.
fn calendar_dates(text: &str, date: Option<CivilDate>) -> Vec<DateMention> {
    let mut found = dates::tag(text, date);
    found.retain(|d| !d.value.ends_with("_REF"));
    found
}

/// Converts byte offsets of one text into character (code point) offsets in O(log n).
#[derive(Clone, Debug)]
pub struct CharMap {
    /// For each non-ASCII character: (byte offset just after it, extra bytes so far).
    steps: Vec<(usize, usize)>,
}

impl CharMap {
    /// Prepares the conversion for `text`.
    pub fn new(text: &str) -> CharMap {
        let mut steps = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (i, c) in text.char_indices() {
                let len = c.len_utf8();
                if len > 1 {
                    extra += len - 1;
                    steps.push((i + len, extra));
                }
            }
        }
        CharMap { steps }
    }

    /// The character offset of byte offset `byte` (which must be on a character boundary).
    pub fn chars(&self, byte: usize) -> usize {
        let n = self.steps.partition_point(|&(end, _)| end <= byte);
        byte - if n == 0 { 0 } else { self.steps[n - 1].1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_map_counts_code_points() {
        let t = "a“é”b 😀 c";
        let map = CharMap::new(t);
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(map.chars(bi), ci);
        }
        assert_eq!(map.chars(t.len()), t.chars().count());
    }
}
