//! Word classes of single tokens: capitalization, list membership, titles, verb-like and
//! adverb-like words, sentence openers that name nobody.
//!
//! In: the text and a token. Out: a yes/no answer (or the lowercase word); no state.

use super::cues::is_cue_word;
use super::lexicon::{OPEN_PREPS, OPEN_WORDS, TITLES};
use super::tokens::{Token, TokenKind};

/// The token's word in lowercase.
pub(super) fn lowercase(text: &str, t: &Token) -> String {
    text[t.start..t.end].to_lowercase()
}

/// Whether the token is a word that starts with a capital letter.
pub(super) fn is_capitalized(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Word
        && text[t.start..t.end]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
}

/// Whether the token is a word of `list` (ASCII case ignored).
pub(super) fn word_in(text: &str, t: &Token, list: &[&str]) -> bool {
    t.kind == TokenKind::Word && {
        let w = &text[t.start..t.end];
        w.len() <= 16 && list.iter().any(|x| x.eq_ignore_ascii_case(w))
    }
}

/// Whether token `i` is a sentence opener that cannot name a speaker: `Some(true)` for a
/// preposition (it needs its phrase closed by a comma), `Some(false)` for a listed sentence
/// adverb or a capitalized -ly adverb set off by a comma ("Technically, ...").
pub(super) fn opener(text: &str, tokens: &[Token], i: usize) -> Option<bool> {
    let t = &tokens[i];
    if t.kind != TokenKind::Word {
        return None;
    }
    if word_in(text, t, OPEN_PREPS) {
        return Some(true);
    }
    let w = lowercase(text, t);
    let ly = w.len() > 4
        && w.ends_with("ly")
        && tokens
            .get(i + 1)
            .is_some_and(|n| n.kind == TokenKind::Comma);
    (ly || word_in(text, t, OPEN_WORDS)).then_some(false)
}

/// A title word ("president", "Sen."), also with "then-" or "ex-" before it.
pub(super) fn is_title(text: &str, t: &Token) -> bool {
    let w = &text[t.start..t.end];
    let w = w
        .strip_prefix("then-")
        .or_else(|| w.strip_prefix("Then-"))
        .unwrap_or(w);
    let w = w.strip_prefix("ex-").unwrap_or(w);
    w.len() <= 16 && TITLES.iter().any(|x| x.eq_ignore_ascii_case(w))
        || text[t.start..t.end].starts_with("then-")
        || text[t.start..t.end].starts_with("ex-")
}

/// A lowercase word that reads like a past-tense verb ("quipped", "mused").
pub(super) fn is_past_verb(text: &str, t: &Token) -> bool {
    let w = &text[t.start..t.end];
    t.kind == TokenKind::Word
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
pub(super) fn is_present_verb(text: &str, t: &Token) -> bool {
    let w = &text[t.start..t.end];
    t.kind == TokenKind::Word
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

/// A lowercase word of five or more letters ending in "ly" ("quickly", "repeatedly").
pub(super) fn is_ly_adverb(text: &str, t: &Token) -> bool {
    let w = &text[t.start..t.end];
    t.kind == TokenKind::Word
        && w.len() > 4
        && w.ends_with("ly")
        && w.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Lowercase words that are clearly verbs or clause words, so cannot be inside a speaker phrase.
pub(super) fn is_lower_verbish(text: &str, t: &Token) -> bool {
    if is_capitalized(text, t) {
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
    ) || is_cue_word(&lowercase(text, t))
}

/// Drop leading words that cannot start a speaker phrase.
pub(super) fn trim_noun_phrase_start(
    text: &str,
    tokens: &[Token],
    mut s: usize,
    e: usize,
) -> usize {
    while s < e
        && (tokens[s].kind != TokenKind::Word
            || word_in(
                text,
                &tokens[s],
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
