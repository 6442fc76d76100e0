//! Direct or partial: whether a quotation is a full direct quote (a sentence or more of someone's
//! words, or a half of a split quote) or a phrase woven into the reporter's sentence; also the
//! shapes that classification and attribution both test (transcript labels, titles of works).
//!
//! In: the text, the paired quotations and an index. Out: a boolean.

use super::cues::{cue_just_before, is_cue_word};
use super::lexicon::PRONOUNS;
use super::marks::PairedQuote;
use super::text::{floor_boundary, is_quote_char};

/// Whether quotation `i` reads as a direct quote (its own sentence, or a split-quote half)
/// rather than a phrase woven into the reporter's sentence.
pub(super) fn is_direct(text: &str, quotes: &[PairedQuote], i: usize) -> bool {
    let r = &quotes[i];
    let content = &text[r.start..r.end];
    let first = content.chars().find(|c| c.is_alphanumeric());
    let upper = first.is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let words = content.split_whitespace().take(8).count();
    // What precedes the opening mark.
    let before = text[r.para_start..r.open].trim_end();
    let prev_char = before.chars().next_back();
    let ctx = match prev_char {
        None => 'P',
        Some('.') | Some('!') | Some('?') => '.',
        Some(c) if is_quote_char(c) || c == ')' => {
            let b2 = before[..before.len() - c.len_utf8()].trim_end();
            match b2.chars().next_back() {
                Some('.') | Some('!') | Some('?') | Some(',') => '.',
                _ => 'w',
            }
        }
        Some(':') => ':',
        Some(',') => ',',
        Some('\u{2014}') | Some('\u{2013}') | Some('-') => '-',
        _ => 'w',
    };
    let ends_sentence = content
        .trim_end()
        .ends_with(['.', '!', '?', ',', '\u{2026}'])
        || !r.closed;
    if looks_like_title(content) {
        return false;
    }
    // The reporter's sentence runs on after the closing mark ("..." for second place.):
    // the quotation is woven into it.
    if r.closed && !content.ends_with(['.', '!', '?', ',', ';', ':', '\u{2014}', '\u{2026}', '-']) {
        let rest = &text[r.close_end..r.para_end];
        let rest_t = rest.trim_start();
        if rest.len() > rest_t.len() || rest_t.starts_with(|c: char| c.is_alphabetic()) {
            let word: &str = rest_t
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            let lowercase = word.chars().next().is_some_and(|c| c.is_lowercase());
            let attrib = PRONOUNS.contains(&word) || is_cue_word(word) || word == "according";
            if lowercase && !attrib {
                return false;
            }
        }
    }
    match ctx {
        'P' | '.' | ':' => upper || first.is_none() || words >= 6,
        ',' => {
            if upper {
                return true;
            }
            // Second half of a split quotation: `"...," he said, "and..."`.
            if i > 0 {
                let p = &quotes[i - 1];
                if p.para_start == r.para_start && r.open - p.close_end < 80 {
                    return text[p.start..p.end]
                        .trim_end()
                        .ends_with([',', '.', '?', '!', '\u{2014}']);
                }
            }
            // `he said, "we ..."`: a cue right before the comma.
            cue_just_before(text, r.para_start, r.open)
        }
        '-' => upper && words >= 4,
        _ => {
            // After a word: direct only after a cue verb with a full sentence ("said "We...").
            if !upper {
                return false;
            }
            let last_word: String = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_lowercase();
            is_cue_word(&last_word) && words >= 3 && ends_sentence
        }
    }
}

/// Length of an all-capitals speaker label opening a transcript line ("SMITH:", "MR. LEE:"),
/// without the colon.
pub(super) fn transcript_label(content: &str) -> Option<usize> {
    let colon = content[..floor_boundary(content, 40)].find(':')?;
    let label = &content[..colon];
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let ok = letters >= 2
        && label.split(' ').count() <= 3
        && label
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '-'));
    ok.then_some(colon)
}

/// A short capitalized phrase such as a book, show or slogan title ("Gifted Hands").
pub(super) fn looks_like_title(content: &str) -> bool {
    if content.len() > 90 {
        return false;
    }
    let c = content.trim_end_matches([',', '.', ' ']);
    let words: Vec<&str> = c.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || c.ends_with(['?', '!']) {
        return false;
    }
    let minor = [
        "of", "the", "a", "an", "and", "in", "on", "for", "to", "with", "at", "by", "or",
    ];
    words.iter().enumerate().all(|(i, w)| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase() || first.is_numeric() || (i > 0 && minor.contains(w))
    }) && !words
        .iter()
        .any(|w| PRONOUNS.contains(&w.to_lowercase().as_str()) && *w != "It")
}
