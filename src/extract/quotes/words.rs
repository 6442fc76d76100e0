//! Word classes of single tokens: capitalization, list membership, titles, verb-like and
//! adverb-like words, sentence openers that name nobody.
//!
//! In: the text and a token. Out: a yes/no answer (or the lowercase word); no state.

use super::cues::is_cue_word;
use super::lexicon::{OPEN_PREPS, OPEN_WORDS, TITLES};
use super::tokens::{Tok, K};

pub(super) fn lower(text: &str, t: &Tok) -> String {
    text[t.s..t.e].to_lowercase()
}

pub(super) fn is_cap(text: &str, t: &Tok) -> bool {
    t.k == K::Word
        && text[t.s..t.e]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
}

pub(super) fn word_in(text: &str, t: &Tok, list: &[&str]) -> bool {
    t.k == K::Word && {
        let w = &text[t.s..t.e];
        w.len() <= 16 && list.iter().any(|x| x.eq_ignore_ascii_case(w))
    }
}

/// Whether token `i` is a sentence opener that cannot name a speaker: `Some(true)` for a
/// preposition (it needs its phrase closed by a comma), `Some(false)` for a listed sentence
/// adverb or a capitalized -ly adverb set off by a comma ("Technically, ...").
pub(super) fn opener(text: &str, toks: &[Tok], i: usize) -> Option<bool> {
    let t = &toks[i];
    if t.k != K::Word {
        return None;
    }
    if word_in(text, t, OPEN_PREPS) {
        return Some(true);
    }
    let w = lower(text, t);
    let ly = w.len() > 4 && w.ends_with("ly") && toks.get(i + 1).is_some_and(|n| n.k == K::Comma);
    (ly || word_in(text, t, OPEN_WORDS)).then_some(false)
}

pub(super) fn is_title(text: &str, t: &Tok) -> bool {
    let w = &text[t.s..t.e];
    let w = w
        .strip_prefix("then-")
        .or_else(|| w.strip_prefix("Then-"))
        .unwrap_or(w);
    let w = w.strip_prefix("ex-").unwrap_or(w);
    w.len() <= 16 && TITLES.iter().any(|x| x.eq_ignore_ascii_case(w))
        || text[t.s..t.e].starts_with("then-")
        || text[t.s..t.e].starts_with("ex-")
}

/// A lowercase word that reads like a past-tense verb ("quipped", "mused").
pub(super) fn is_past_verb(text: &str, t: &Tok) -> bool {
    let w = &text[t.s..t.e];
    t.k == K::Word
        && w.len() >= 5
        && w.ends_with("ed")
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !word_in(
            text,
            t,
            &["need", "based", "related", "united", "armed", "noted"],
        )
}

/// A lowercase word that reads like a third-person present verb ("yells", "jokes").
pub(super) fn is_present_verb(text: &str, t: &Tok) -> bool {
    let w = &text[t.s..t.e];
    t.k == K::Word
        && w.len() >= 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !word_in(
            text,
            t,
            &[
                "always", "perhaps", "whereas", "unless", "hers", "this", "thus", "was", "does",
                "has", "yes",
            ],
        )
}

pub(super) fn is_ly_adverb(text: &str, t: &Tok) -> bool {
    let w = &text[t.s..t.e];
    t.k == K::Word
        && w.len() > 4
        && w.ends_with("ly")
        && w.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Lowercase words that are clearly verbs or clause words, so cannot be inside a speaker phrase.
pub(super) fn is_lower_verbish(text: &str, t: &Tok) -> bool {
    if is_cap(text, t) {
        return false;
    }
    word_in(
        text,
        t,
        &[
            "is", "was", "are", "were", "be", "been", "has", "had", "have", "do", "did", "does",
            "that", "if", "would", "will", "can", "could", "should", "not", "because", "when",
            "it", "this", "there", "what", "how", "why",
        ],
    ) || is_cue_word(&lower(text, t))
}

/// Drop leading words that cannot start a speaker phrase.
pub(super) fn trim_np_start(text: &str, toks: &[Tok], mut s: usize, e: usize) -> usize {
    while s < e
        && (toks[s].k != K::Word
            || word_in(
                text,
                &toks[s],
                &[
                    "and",
                    "but",
                    "so",
                    "including",
                    "as",
                    "per",
                    "then",
                    "now",
                    "while",
                    "when",
                    "where",
                    "that",
                    "even",
                    "also",
                    "meanwhile",
                    "however",
                ],
            ))
    {
        s += 1;
    }
    s
}
