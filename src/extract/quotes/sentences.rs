//! Sentence bounds around a position, as the attribution stages need them.
//!
//! In: a byte offset and the bounds not to cross. Out: the byte offset where the sentence starts
//! or ends. A stop ends a sentence when a space and a capital (or a quotation mark, a digit, a
//! bracket, or the limit) follow, and the word before it is no abbreviation.

use super::attribution::AttributionContext;
use super::text::{floor_boundary, is_quote_char};
use super::tokens::is_abbreviation;

impl<'a> AttributionContext<'a> {
    /// Start of the sentence containing `pos`, not before `floor`.
    pub(super) fn sentence_start(&self, floor: usize, pos: usize) -> usize {
        let b = self.text.as_bytes();
        let pos = floor_boundary(self.text, pos);
        let mut i = pos;
        while i > floor {
            i -= 1;
            if matches!(b[i], b'.' | b'!' | b'?') && self.is_sentence_end(i, pos) {
                return i + 1;
            }
        }
        floor
    }

    /// End of the sentence starting at or after `pos` (exclusive), not past `ceil`.
    pub(super) fn sentence_end(&self, pos: usize, ceil: usize) -> usize {
        let b = self.text.as_bytes();
        let ceil = floor_boundary(self.text, ceil);
        let mut i = pos;
        while i < ceil {
            if matches!(b[i], b'.' | b'!' | b'?') && self.is_sentence_end(i, ceil) {
                return i + 1;
            }
            i += 1;
        }
        ceil
    }

    /// Whether the terminator at `i` ends a sentence (followed by space and a capital, a quote
    /// mark or the limit; not an abbreviation).
    fn is_sentence_end(&self, i: usize, limit: usize) -> bool {
        let text = self.text;
        let limit = floor_boundary(text, limit);
        let b = text.as_bytes();
        let mut j = i + 1;
        // Closing quotes or brackets right after the terminator.
        while j < limit {
            match text[j..].chars().next() {
                Some(c) if is_quote_char(c) || c == ')' => j += c.len_utf8(),
                _ => break,
            }
        }
        if j >= limit {
            return true;
        }
        let c = text[j..].chars().next().unwrap_or(' ');
        if !c.is_whitespace() {
            return false;
        }
        let rest = text[j..limit].trim_start();
        let next = rest.chars().next();
        let ok_next =
            next.is_none_or(|n| n.is_uppercase() || n.is_numeric() || is_quote_char(n) || n == '(');
        if !ok_next {
            return false;
        }
        if b[i] == b'.' {
            // Word before the dot.
            let mut k = i;
            while k > 0 && (b[k - 1].is_ascii_alphabetic() || b[k - 1] == b'.') {
                k -= 1;
            }
            let w = &text[k..i];
            if !w.is_empty() && is_abbreviation(w) {
                return false;
            }
        }
        true
    }
}
