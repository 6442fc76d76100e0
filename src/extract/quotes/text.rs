//! Small text helpers shared by the stages: the characters around a byte offset, which
//! characters are quotation marks, and rounding an offset down to a character boundary.
//!
//! In: a text and byte offsets. Out: characters, booleans and offsets; nothing is allocated.

/// The character ending at byte `pos`, or `None` at `floor`.
pub(super) fn char_before(text: &str, pos: usize, floor: usize) -> Option<char> {
    if pos <= floor {
        None
    } else {
        text[floor..pos].chars().next_back()
    }
}

/// The character starting at byte `pos`, or `None` at `ceil`.
pub(super) fn char_at(text: &str, pos: usize, ceil: usize) -> Option<char> {
    if pos >= ceil {
        None
    } else {
        text[pos..ceil].chars().next()
    }
}

/// Straight, curly and low double and single quotation marks and guillemets.
pub(super) fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{AB}'
            | '\u{BB}'
            | '\''
            | '\u{2018}'
            | '\u{2019}'
    )
}

/// The largest char boundary at or before `i`.
pub(super) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
