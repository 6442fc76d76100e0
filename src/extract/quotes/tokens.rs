//! The word tokenizer the attribution stages read with.
//!
//! In: a text and a byte range of it. Out: [`Token`] tokens (byte ranges with a kind: word, comma,
//! colon, sentence stop, bracket, dash, quotation mark, other). Words keep internal apostrophes,
//! hyphens and dots ("don't", "U.S."), abbreviation dots ("Mr.") and party tags ("R-Wis.").

use super::text::{floor_boundary, is_quote_char};

/// What a token is: a word or one punctuation character of a kind the attribution reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum TokenKind {
    Word,
    Comma,
    Colon,
    Stop,
    Paren,
    Dash,
    Quote,
    Other,
}

/// One token: a byte range of the text and its kind.
#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    /// Byte offset of the first byte.
    pub(super) start: usize,
    /// Byte offset just past the last byte.
    pub(super) end: usize,
    pub(super) kind: TokenKind,
}

/// Lowercase abbreviations whose dot does not end a sentence ("Sen.", "Jan.", "U.S.").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr", "sr",
    "inc", "co", "corp", "vs", "no", "prof", "rev", "capt", "cmdr", "adm", "maj", "pres", "sens",
    "reps", "ltd", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.n", "u.k", "d.c", "e.u", "ft", "mt", "messrs", "supt", "det", "insp", "atty", "hon",
];

/// Whether `word` (without its dot) is an abbreviation: an initial, a listed one, or a short
/// dotted word.
pub(super) fn is_abbreviation(word: &str) -> bool {
    if word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase() {
        return true;
    }
    if word.len() > 6 {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str()) || (word.contains('.') && word.len() <= 5)
}

/// "R-Wis", "D-Ill", "I-Vt": a party letter, a hyphen and a state abbreviation.
pub(super) fn is_party_tag(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4
        && b.len() <= 7
        && matches!(b[0], b'R' | b'D' | b'I')
        && b[1] == b'-'
        && b[2].is_ascii_uppercase()
}

/// The tokens of `text[a..b]` (both rounded down to character boundaries), byte offsets into
/// `text`.
pub(super) fn tokenize(text: &str, a: usize, b: usize) -> Vec<Token> {
    let mut tokens = Vec::new();
    let (a, b) = (floor_boundary(text, a), floor_boundary(text, b));
    if a >= b {
        return tokens;
    }
    let s = &text[a..b];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    it.next();
                } else if matches!(d, '\'' | '\u{2019}' | '-' | '.' | '&' | '/') {
                    // Internal joiner only when a letter or digit follows.
                    let after = s[j + d.len_utf8()..].chars().next();
                    if after.is_some_and(|x| x.is_alphanumeric()) {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            // Abbreviation dot; party-state tags such as "R-Wis.".
            if s[end..].starts_with('.')
                && (is_abbreviation(&s[start..end]) || is_party_tag(&s[start..end]))
            {
                end += 1;
                it.next();
            }
            // Possessive apostrophe after a plural: "Sanders' campaign".
            if (s[end..].starts_with('\'') || s[end..].starts_with('\u{2019}'))
                && s[start..end].ends_with('s')
                && s[end..].chars().nth(1).is_none_or(|c| c.is_whitespace())
            {
                let q = s[end..].chars().next().map_or(1, char::len_utf8);
                end += q;
                it.next();
            }
            tokens.push(Token {
                start: a + start,
                end: a + end,
                kind: TokenKind::Word,
            });
        } else if c.is_whitespace() {
            continue;
        } else {
            let kind = match c {
                ',' => TokenKind::Comma,
                ':' | ';' => TokenKind::Colon,
                '.' | '!' | '?' | '\u{2026}' => TokenKind::Stop,
                '(' | ')' | '[' | ']' => TokenKind::Paren,
                '\u{2014}' | '\u{2013}' | '\u{2015}' | '-' => TokenKind::Dash,
                c if is_quote_char(c) => TokenKind::Quote,
                _ => TokenKind::Other,
            };
            tokens.push(Token {
                start: a + i,
                end: a + i + c.len_utf8(),
                kind,
            });
        }
    }
    tokens
}
