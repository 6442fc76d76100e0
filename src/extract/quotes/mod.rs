//! Direct quotations and their speakers.
//!
//! The extractor works in three passes over one article ([`analyze`]):
//! 1. `marks`: pair quotation marks paragraph by paragraph (straight and curly double quotes,
//!    guillemets), capping an unclosed quotation at the end of its paragraph (a paragraph that
//!    opens with a mark again continues it); single marks nested inside are ignored, and
//!    single-quoted top-level quotations (`he said: 'We ...'`) are taken only in a strict shape
//!    (capital after the opening mark, `.`/`,`/`!`/`?` before the closing one, a cue verb next to
//!    it), so apostrophes (`don't`, `Iran's`, `the '90s`, `rock 'n' roll`) never open a quotation;
//! 2. `attribution`: find the attribution of each quotation: a cue verb (`cues`: "said", "told",
//!    "according to"...) after the quotation, before it, between the halves of a split quotation,
//!    or in a neighbouring sentence (`cue_search`, `sentences`), and the subject or object noun
//!    phrase of that cue (`noun_phrases`);
//! 3. `speakers`: name the speaker: the actor mention inside the noun phrase, a pronoun resolved
//!    to the most recent fitting actor (`pronouns`), a definite description ("the embassy")
//!    resolved to an earlier name with the same head word (`descriptions`, `name_runs`), or the
//!    noun phrase as written; a description that stands for no name ("a spokesman", "one
//!    diplomat", "the email", an unresolved "he") keeps its span and reports no name;
//!
//! and `classify` tells direct quotes from partial ones. `tokens`, `words`, `lexicon` and `text`
//! are the tokenizer, word classes, word lists and character helpers the stages share.
//!
//! All offsets are byte offsets into the text.
//!
//! [`find`] returns every quotation, partial ones included (`asserted there was "no evidence"`);
//! [`find_direct`] keeps the full direct quotes (what PolNeAR scores as "direct"); [`analyze`]
//! gives both with the classification. Speakers that are pronouns keep the pronoun's span and
//! carry the resolved name (or the pronoun itself when nothing fits).

mod attribution;
mod classify;
mod cue_search;
mod cues;
mod descriptions;
mod lexicon;
mod marks;
mod name_runs;
mod noun_phrases;
mod pronouns;
mod sentences;
mod speakers;
mod text;
mod tokens;
mod words;

#[cfg(test)]
mod tests;

use crate::extract::types::{ActorMention, QuoteMention};
use classify::is_direct;
use marks::{pair_marks, PairedQuote};
use speakers::Speaker;

/// Direct quotations in `text` (byte offsets, sorted by start), each with its speaker where one is found.
/// `actors` are the named-entity mentions another component found in the same text (sorted, byte offsets,
/// with canonical names: "Putin" mention -> name "Vladimir Putin"); use them to find and name speakers,
/// and for pronoun resolution. Must also work with an empty `actors` slice (fall back to your own
/// detection of capitalized names and noun phrases).
pub fn find(text: &str, actors: &[ActorMention]) -> Vec<QuoteMention> {
    analyze(text, actors)
        .into_iter()
        .map(|q| q.mention)
        .collect()
}

/// Like [`find`], but only the quotations that look like full direct quotes (a sentence or more
/// of someone's words), leaving out partial quotes woven into the reporter's own sentence
/// (`called it "a disgrace"`) and scare quotes. This is what PolNeAR annotates as "direct".
pub fn find_direct(text: &str, actors: &[ActorMention]) -> Vec<QuoteMention> {
    analyze(text, actors)
        .into_iter()
        .filter(|q| q.direct)
        .map(|q| q.mention)
        .collect()
}

/// One quotation with its classification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// The quotation and its speaker.
    pub mention: QuoteMention,
    /// True when it looks like a full direct quote rather than a partial or scare quote.
    pub direct: bool,
}

/// All quotations with speakers and the direct/partial classification.
pub fn analyze(text: &str, actors: &[ActorMention]) -> Vec<Quotation> {
    let quotes = pair_marks(text);
    if quotes.is_empty() {
        return Vec::new();
    }
    let speakers = attribution::speakers(text, actors, &quotes);
    let quotation = |(i, (quote, speaker)): (usize, (&PairedQuote, Option<Speaker>))| Quotation {
        mention: QuoteMention {
            start: quote.start,
            end: quote.end,
            speaker_span: speaker.as_ref().map(|s| s.span),
            speaker: speaker.filter(|s| s.named).map(|s| s.name),
        },
        direct: is_direct(text, &quotes, i),
    };
    quotes
        .iter()
        .zip(speakers)
        .enumerate()
        .map(quotation)
        .collect()
}
