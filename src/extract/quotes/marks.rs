//! Stage 1, quotation-mark pairing.
//!
//! In: the article text. Out: the quotations as [`PairedQuote`] spans (opening mark, content, closing
//! mark, paragraph), sorted by opening mark.
//!
//! Marks are paired paragraph by paragraph (straight and curly double quotes, guillemets); an
//! unclosed quotation is capped at the end of its paragraph (a paragraph that opens with a mark
//! again continues it, see [`continues`]); single marks nested inside are ignored. Top-level
//! quotations in single marks are taken only in a strict shape ([`pair_single`]), so apostrophes
//! never open a quotation.

use super::cues::{cue_at, cue_just_before};
use super::text::{char_at, char_before, is_quote_char};
use super::tokens::tokenize;

/// One paired (or paragraph-capped) quotation.
#[derive(Clone, Copy, Debug)]
pub(super) struct PairedQuote {
    /// Byte offset of the opening mark.
    pub(super) open: usize,
    /// Content start (after the mark and spaces).
    pub(super) start: usize,
    /// Content end (before the closing mark and spaces).
    pub(super) end: usize,
    /// Byte offset just past the closing mark (the paragraph end when unclosed).
    pub(super) close_end: usize,
    /// Whether a closing mark was found.
    pub(super) closed: bool,
    /// Paragraph bounds.
    pub(super) para_start: usize,
    pub(super) para_end: usize,
}

/// The family of a double quotation mark; a quotation closes with a mark of its own family (or,
/// in sloppy typography, a mixed one).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Straight,
    Curly,
    Guillemet,
}

/// What a mark can do, from its shape or the characters around it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Open,
    Close,
    Either,
}

/// One quotation mark of a paragraph: byte offset, byte length, family and role.
#[derive(Clone, Copy, Debug)]
struct Mark {
    pos: usize,
    len: usize,
    style: Style,
    role: Role,
}

/// Whether a mark after the character `c` (`None`: the paragraph start) may open a quotation.
fn opens_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "([{\u{2014}\u{2013}-/".contains(c) || is_quote_char(c),
    }
}

/// Whether a mark before the character `c` (`None`: the paragraph end) may close a quotation.
fn closes_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || ",.;:!?)]}\u{2014}\u{2013}-\u{2026}".contains(c)
                || is_quote_char(c)
        }
    }
}

/// The role the characters around the mark at `pos` allow it.
fn role_from_context(text: &str, pos: usize, len: usize, ps: usize, pe: usize) -> Role {
    let o = opens_before(char_before(text, pos, ps));
    let c = closes_after(char_at(text, pos + len, pe));
    match (o, c) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// The double quotation marks of the paragraph `ps..pe` into `marks`, with their style and
/// role.
fn paragraph_marks(text: &str, ps: usize, pe: usize, marks: &mut Vec<Mark>) {
    marks.clear();
    let b = text.as_bytes();
    let mut i = ps;
    while i < pe {
        let c = b[i];
        if c == b'"' {
            let role = role_from_context(text, i, 1, ps, pe);
            marks.push(Mark {
                pos: i,
                len: 1,
                style: Style::Straight,
                role,
            });
            i += 1;
        } else if c == 0xE2 && i + 2 < pe && b[i + 1] == 0x80 {
            let (style, default) = match b[i + 2] {
                0x9C => (Some(Style::Curly), Role::Open),
                0x9D => (Some(Style::Curly), Role::Close),
                0x9E => (Some(Style::Curly), Role::Open),
                _ => (None, Role::Either),
            };
            if let Some(style) = style {
                // Sloppy typography sometimes uses the wrong curly mark; trust clear context.
                let ctx = role_from_context(text, i, 3, ps, pe);
                let role = match (default, ctx) {
                    (Role::Open, Role::Close) => Role::Close,
                    (Role::Close, Role::Open) => Role::Open,
                    (d, _) => d,
                };
                marks.push(Mark {
                    pos: i,
                    len: 3,
                    style,
                    role,
                });
            }
            i += 3;
        } else if c == 0xC2 && i + 1 < pe && (b[i + 1] == 0xAB || b[i + 1] == 0xBB) {
            let role = if b[i + 1] == 0xAB {
                Role::Open
            } else {
                Role::Close
            };
            marks.push(Mark {
                pos: i,
                len: 2,
                style: Style::Guillemet,
                role,
            });
            i += 2;
        } else {
            i += 1;
        }
    }
}

fn has_word_char(s: &str) -> bool {
    s.chars().any(|c| c.is_alphanumeric())
}

/// Adds the quotation between `open` and `close` (the paragraph end when unclosed) to `out`,
/// without surrounding spaces, unless it holds no word.
fn push_quote(
    text: &str,
    out: &mut Vec<PairedQuote>,
    open: &Mark,
    close: Option<&Mark>,
    ps: usize,
    pe: usize,
) {
    let mut start = open.pos + open.len;
    let (mut end, close_end, closed) = match close {
        Some(c) => (c.pos, c.pos + c.len, true),
        None => (pe, pe, false),
    };
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    start += lead;
    end = start + text[start..end].trim_end().len();
    if end <= start || !has_word_char(&text[start..end]) {
        return;
    }
    out.push(PairedQuote {
        open: open.pos,
        start,
        end,
        close_end,
        closed,
        para_start: ps,
        para_end: pe,
    });
}

/// Pairs the marks of one paragraph into quotations (nested ones are skipped).
fn pair_paragraph(text: &str, ps: usize, pe: usize, marks: &[Mark], out: &mut Vec<PairedQuote>) {
    let mut stack: Vec<Mark> = Vec::with_capacity(3);
    for m in marks {
        match stack.last().copied() {
            None => {
                if m.role != Role::Close {
                    stack.push(*m);
                }
            }
            Some(top) => {
                if m.style == top.style {
                    if m.role == Role::Open && stack.len() == 1 {
                        // A new opening mark while one is open: the earlier one was never
                        // closed. Keep what it held up to here if it reads like a sentence.
                        stack.clear();
                        stack.push(*m);
                    } else if m.role == Role::Open {
                        // Same style nested deeper: ignore.
                    } else {
                        stack.pop();
                        if stack.is_empty() {
                            push_quote(text, out, &top, Some(m), ps, pe);
                        }
                    }
                } else if m.role == Role::Close && stack.len() == 1 {
                    // Mixed marks such as “text" close the quotation.
                    stack.pop();
                    push_quote(text, out, &top, Some(m), ps, pe);
                } else if m.role != Role::Close && stack.len() < 3 {
                    stack.push(*m);
                } else if m.role == Role::Close && stack.len() > 1 {
                    stack.pop();
                }
            }
        }
    }
    if let Some(first) = stack.first() {
        push_quote(text, out, first, None, ps, pe);
    }
}

/// All quotations of `text`, paragraph by paragraph, sorted by opening mark.
pub(super) fn pair_marks(text: &str) -> Vec<PairedQuote> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    // Fast path: no quotation mark at all.
    if !b
        .iter()
        .any(|&c| c == b'"' || c == 0xE2 || c == 0xC2 || c == b'\'')
    {
        return out;
    }
    let mut marks = Vec::new();
    let mut ps = 0;
    while ps < b.len() {
        let pe = match b[ps..].iter().position(|&c| c == b'\n') {
            Some(k) => ps + k,
            None => b.len(),
        };
        let seg = &b[ps..pe];
        if seg.iter().any(|&c| c == b'"' || c == 0xE2 || c == 0xC2) {
            paragraph_marks(text, ps, pe, &mut marks);
            if !marks.is_empty() {
                pair_paragraph(text, ps, pe, &marks, &mut out);
            }
        }
        if seg.iter().any(|&c| c == b'\'' || c == 0xE2) {
            let from = out.partition_point(|r| r.open < ps);
            let before = out.len();
            pair_single(text, ps, pe, from, &mut out);
            if out.len() > before {
                out[from..].sort_by_key(|r| r.open);
            }
        }
        ps = pe + 1;
    }
    out
}

/// Top-level quotations in single marks (a style some outlets use): an opening `'` or `‘` after
/// a space or the paragraph start and before a capital, closed by `'` or `’` right after
/// `.`, `,`, `!` or `?` and before a space or the paragraph end. Only outside double-quoted
/// quotations (`out[from..]` holds this paragraph's), so nested quotes and apostrophes
/// (`don't`, `the '90s`, `boys' games`) never count.
fn pair_single(text: &str, ps: usize, pe: usize, from: usize, out: &mut Vec<PairedQuote>) {
    let b = text.as_bytes();
    let covered = |pos: usize, out: &Vec<PairedQuote>| {
        out[from..]
            .iter()
            .any(|r| r.open <= pos && pos < r.close_end.max(r.end))
    };
    let mark_at = |i: usize| -> Option<(usize, bool, bool)> {
        // (length, can open, can close)
        if b[i] == b'\'' {
            Some((1, true, true))
        } else if b[i] == 0xE2
            && i + 2 < pe
            && b[i + 1] == 0x80
            && (b[i + 2] == 0x98 || b[i + 2] == 0x99)
        {
            Some((3, b[i + 2] == 0x98, b[i + 2] == 0x99))
        } else {
            None
        }
    };
    let mut i = ps;
    let mut found: Vec<PairedQuote> = Vec::new();
    while i < pe {
        // Jump to the next candidate byte.
        match b[i..pe].iter().position(|&c| c == b'\'' || c == 0xE2) {
            Some(k) => i += k,
            None => break,
        }
        let Some((len, can_open, _)) = mark_at(i) else {
            i += 1;
            continue;
        };
        let prev = char_before(text, i, ps);
        let next = char_at(text, i + len, pe);
        let opens = can_open
            && prev.is_none_or(|c| c.is_whitespace() || c == '(')
            && next.is_some_and(|c| c.is_uppercase());
        if !opens || covered(i, out) {
            i += len;
            continue;
        }
        // Look for the closing mark.
        let mut j = i + len;
        let mut close = None;
        while j < pe {
            if b[j] == b'"'
                || (b[j] == 0xE2
                    && j + 2 < pe
                    && b[j + 1] == 0x80
                    && matches!(b[j + 2], 0x9C | 0x9D))
            {
                break;
            }
            if let Some((l2, _, can_close)) = mark_at(j) {
                let p2 = char_before(text, j, ps);
                let n2 = char_at(text, j + l2, pe);
                if can_close
                    && p2.is_some_and(|c| matches!(c, '.' | ',' | '!' | '?'))
                    && n2.is_none_or(|c| c.is_whitespace() || c == ')')
                {
                    close = Some((j, l2));
                    break;
                }
                j += l2;
            } else {
                j += 1;
            }
        }
        let Some((j, l2)) = close else {
            i += len;
            continue;
        };
        let start = i + len;
        let content = &text[start..j];
        let words = content.split_whitespace().count();
        let caps = content
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        // Attributed on the spot: a cue right before, or `,' he said` right after.
        let cue_before = cue_just_before(text, ps, i);
        let after_toks = tokenize(text, j + l2, pe.min(j + l2 + 60));
        let cue_after = content.ends_with(',')
            && (0..after_toks.len().min(4)).any(|k| cue_at(text, &after_toks, k).is_some());
        if words >= 2 && caps * 2 < words + 1 && (cue_before || cue_after) {
            found.push(PairedQuote {
                open: i,
                start,
                end: j,
                close_end: j + l2,
                closed: true,
                para_start: ps,
                para_end: pe,
            });
        }
        i = j + l2;
    }
    out.extend(found);
}

/// Whether `b` continues the quotation `a` in the next paragraph (a opened, never closed, and
/// the next non-empty paragraph opens with a quotation mark).
pub(super) fn continues(text: &str, a: &PairedQuote, b: &PairedQuote) -> bool {
    if a.closed || b.para_start <= a.para_end {
        return false;
    }
    if !text[a.para_end..b.para_start].trim().is_empty() {
        return false;
    }
    text[b.para_start..b.open].trim().is_empty()
}
