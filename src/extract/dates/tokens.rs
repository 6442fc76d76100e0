//! Tokenization: the text in, light tokens out (words, numbers, single ASCII punctuation marks
//! and runs of non-ASCII characters), each with its byte span, the spacing before it, and for
//! words the keyword it stands for.

use super::keywords::{lookup_keyword, Keyword};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TokenKind {
    Word,
    Number,
    Punctuation,
    /// Non-ASCII run (letters, quotes, dashes of other scripts).
    Other,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) kind: TokenKind,
    /// Whitespace precedes the token.
    pub(super) space: bool,
    /// A line break precedes the token.
    pub(super) newline: bool,
    /// First letter is upper case (words).
    pub(super) capitalized: bool,
    pub(super) keyword: Keyword,
    /// Value of a number token (saturating).
    pub(super) number: u32,
    /// Digit count of a number token.
    pub(super) digits: u8,
}

pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut tokens = Vec::with_capacity(b.len() / 5 + 4);
    let mut i = 0;
    let mut space = true;
    let mut newline = true;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            space = true;
            if c == b'\n' {
                newline = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        let (kind, keyword, number, digits, capitalized);
        if c.is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            kind = TokenKind::Word;
            keyword = lookup_keyword(&b[start..i]);
            number = 0;
            digits = 0;
            capitalized = c.is_ascii_uppercase();
        } else if c.is_ascii_digit() {
            let mut v: u32 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            kind = TokenKind::Number;
            keyword = Keyword::None;
            number = v;
            digits = (i - start).min(255) as u8;
            capitalized = false;
        } else if c < 0x80 {
            i += 1;
            kind = TokenKind::Punctuation;
            keyword = Keyword::None;
            number = 0;
            digits = 0;
            capitalized = false;
        } else {
            // A run of non-ASCII characters (always ends on a char boundary).
            i += 1;
            while i < b.len() && (b[i] & 0xC0) == 0x80 {
                i += 1;
            }
            kind = TokenKind::Other;
            keyword = Keyword::None;
            number = 0;
            digits = 0;
            capitalized = false;
        }
        tokens.push(Token {
            start: start as u32,
            end: i as u32,
            kind,
            space,
            newline,
            capitalized,
            keyword,
            number,
            digits,
        });
        space = false;
        newline = false;
    }
    tokens
}

/// A lower-cased copy of a short ASCII word on the stack (empty when longer than 16 bytes).
pub(super) struct Lower {
    buf: [u8; 16],
    len: usize,
}

impl Lower {
    pub(super) fn new(w: &str) -> Lower {
        let mut buf = [0u8; 16];
        let b = w.as_bytes();
        if b.len() > 16 {
            return Lower { buf, len: 0 };
        }
        for (d, c) in buf.iter_mut().zip(b) {
            *d = c.to_ascii_lowercase();
        }
        Lower { buf, len: b.len() }
    }

    pub(super) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}
