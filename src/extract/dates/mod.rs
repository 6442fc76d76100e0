//! Rule-based temporal tagger for news text, in the manner of HeidelTime.
//!
//! Finds date (and time-of-day) expressions and normalizes them to TimeML TIMEX3 values:
//! `2021-03-16`, `2021-03`, `2021`, `202` (decade), `20` (century), `2021-W11`,
//! `2021-W11-WE` (weekend), `2020-Q4`, `2020-H1`, `2020-SU`, `2021-03-16TMO` (part of day),
//! `2021-03-16T22:00`, `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`, or partial values with `X`
//! when no reference date is known (`XXXX-01-07`, `XXXX-WXX-2`).
//!
//! The scanner works on a light tokenization (words, numbers, single punctuation marks) and
//! only looks closely at tokens that can start an expression: numbers and a small keyword set.
//! Relative expressions are resolved against the article date (`anchor`):
//! - weekdays: by the tense of the clause (nearest verb cue: "will", "said", "-ed" forms...);
//!   past or unknown → the latest such day on or before the anchor (unknown and the day is
//!   tomorrow → tomorrow), future → the next one on or after it;
//! - a month without year: past → latest on or before the anchor's month, future → next, else
//!   the nearest; a month-day without year: the nearest (4 months ahead, 6 back) unless a cue
//!   right before decides ("since", "ended", "last" / "until", "next", "will");
//! - "the quarter", "a year earlier", "the year-ago period" follow the last quarter named in
//!   the previous ~60 tokens (earnings reports), else the anchor's previous quarter / year;
//! - "the following year", "the day before" follow the last explicit date named, else the anchor.
//!
//! Without an anchor, year-less expressions take the last explicit year seen in the text, and
//! anchor-relative ones ("yesterday", "last year") stay partial (`XXXX-XX-XX`, `XXXX`).
//!
//! Pipeline of [`tag`]:
//! 1. `tokens`: the text becomes light tokens, words carrying their meaning from `keywords`
//!    (the word lists; holiday dates in `holidays`).
//! 2. `anchor`: a wire dateline may move the anchor back a few days.
//! 3. `scanner`: at each token that can start an expression, the matchers try: `explicit`
//!    (numbers, month names, years, quarters), `times` (clock times, noon), `relative`
//!    (keywords: today, weekdays, "ago", ...), `deictic` ("last week", "the quarter"),
//!    `periods` (seasons, holidays, "early/late"). Year-less and relative values are resolved
//!    by `anchor` and by the clause tense (`tense`, `clause`); `value` renders TIMEX3 values
//!    and holds their arithmetic.

mod anchor;
mod clause;
mod deictic;
mod explicit;
mod holidays;
mod keywords;
mod periods;
mod relative;
mod scanner;
mod tense;
mod times;
mod tokens;
mod value;

#[cfg(test)]
mod tests;

pub use value::value_range;

use crate::extract::types::{CivilDate, DateMention};
use anchor::dateline_date;
use scanner::Tagger;
use tokens::tokenize;

/// All date expressions in `text` (byte offsets, sorted, non-overlapping), with values resolved
/// against `anchor` (the article date) when given.
pub fn tag(text: &str, anchor: Option<CivilDate>) -> Vec<DateMention> {
    let tokens = tokenize(text);
    let anchor = anchor.map(|a| dateline_date(text, &tokens, a).unwrap_or(a));
    let mut tagger = Tagger::new(text, &tokens, anchor);
    tagger.run();
    tagger.out
}
