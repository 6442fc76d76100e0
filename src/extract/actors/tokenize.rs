//! A small rule-based tokenizer for news prose and for pre-tokenized (space separated) text.
//!
//! Splits on whitespace, then peels opening/closing punctuation, sentence-final periods (but
//! keeps abbreviations such as "U.S.", "Mr." or initials "J."), possessive "'s"/"’s" and
//! dash separators ("--", "—", "–" between words). Hyphenated words stay whole.

/// One token: a byte range into the text plus layout flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the token.
    pub end: u32,
    /// A newline occurs between the previous token and this one (or this is the first token).
    pub line_start: bool,
}

impl Token {
    /// The token's text.
    #[inline]
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        &s[self.start as usize..self.end as usize]
    }
}

/// Words ending in '.' that keep the period (compared lowercase, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "reps", "gov", "gen", "lt", "col", "sgt", "jr",
    "sr", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
    "nov", "dec", "vs", "etc", "no", "prof", "rev", "capt", "maj", "adm", "cmdr", "supt", "gens",
    "messrs", "mt", "ft", "ave", "bros", "dept", "univ", "est", "approx", "pres", "atty", "cpl",
    "pvt", "hon", "msgr", "fr", "sens", "govs", "u.s", "a.m", "p.m",
];

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '‘' | '\'' | '(' | '[' | '{' | '«' | '„' | '‹' | '`' | '¿' | '¡'
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '”' | '’' | '\'' | ')' | ']' | '}' | '»' | '›' | ',' | ';' | ':' | '!' | '?' | '…'
    )
}

fn is_abbreviation(body: &str) -> bool {
    if body.is_empty() {
        return false;
    }
    let mut chars = body.chars();
    let first = chars.next().unwrap_or(' ');
    // Single letter initial: "J." / "j."
    if chars.next().is_none() {
        return first.is_alphabetic();
    }
    // Contains an inner period: "U.S", "a.m", "U.N"
    if body.contains('.') {
        return true;
    }
    if body.len() > 7 {
        return false;
    }
    let mut buf = [0u8; 8];
    for (i, b) in body.bytes().enumerate() {
        buf[i] = b.to_ascii_lowercase();
    }
    let lower = &buf[..body.len()];
    ABBREVIATIONS.iter().any(|a| a.as_bytes() == lower)
}

fn is_possessive(s: &str) -> bool {
    matches!(s, "'s" | "’s" | "'S" | "’S")
}

/// The ASCII whitespace bytes that separate chunks.
#[inline(always)]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\t' | b'\r' | 0x0b | 0x0c)
}

/// Tokenize `text` into `out` (cleared first).
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0usize;
    let mut newline = true;
    let n = bytes.len();
    while i < n {
        let b = bytes[i];
        if b < 0x80 {
            if b == b'\n' {
                newline = true;
                i += 1;
                continue;
            }
            if b == b' ' || b == b'\t' || b == b'\r' || b == 0x0b || b == 0x0c {
                i += 1;
                continue;
            }
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                if c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' {
                    newline = true;
                }
                i += c.len_utf8();
                continue;
            }
        }
        // Chunk of non-whitespace.
        let s = i;
        // Most chunks are plain ASCII words or numbers: they have no dash, no punctuation to
        // peel and no possessive, so they are one token as they stand.
        while i < n && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == n || is_ascii_space(bytes[i]) {
            push(out, s, i, &mut newline);
            continue;
        }
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                if is_ascii_space(b) {
                    break;
                }
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if c.is_whitespace() {
                    break;
                }
                i += c.len_utf8();
            }
        }
        split_dashes(text, s, i, &mut newline, out);
    }
}

/// Split a chunk at dash separators ("--", "—", "–") and tokenize the pieces.
fn split_dashes(text: &str, s: usize, e: usize, newline: &mut bool, out: &mut Vec<Token>) {
    let chunk = &text[s..e];
    let mut piece_start = s;
    let mut j = 0usize;
    let cb = chunk.as_bytes();
    while j < cb.len() {
        let dash_len = if cb[j] == b'-' && j + 1 < cb.len() && cb[j + 1] == b'-' {
            let mut k = j;
            while k < cb.len() && cb[k] == b'-' {
                k += 1;
            }
            k - j
        } else if cb[j] == 0xE2 && chunk[j..].starts_with(['—', '–']) {
            3
        } else {
            0
        };
        if dash_len > 0 {
            if s + j > piece_start {
                split_chunk(text, piece_start, s + j, newline, out);
            }
            push(out, s + j, s + j + dash_len, newline);
            j += dash_len;
            piece_start = s + j;
        } else {
            j += 1;
        }
    }
    if e > piece_start {
        split_chunk(text, piece_start, e, newline, out);
    }
}

#[inline]
fn push(out: &mut Vec<Token>, s: usize, e: usize, newline: &mut bool) {
    out.push(Token {
        start: s as u32,
        end: e as u32,
        line_start: *newline,
    });
    *newline = false;
}

fn split_chunk(text: &str, mut s: usize, mut e: usize, newline: &mut bool, out: &mut Vec<Token>) {
    // Leading punctuation, one token per character.
    loop {
        let rest = &text[s..e];
        if is_possessive(rest) || rest == "'" || rest == "’" {
            break;
        }
        let c = match rest.chars().next() {
            Some(c) => c,
            None => return,
        };
        if is_open_punct(c) && rest.len() > c.len_utf8() {
            // Keep elisions like "'90s" together? They are rare; split the quote anyway.
            push(out, s, s + c.len_utf8(), newline);
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation (collected right to left).
    let mut trail: [(u32, u32); 8] = [(0, 0); 8];
    let mut nt = 0usize;
    while nt < trail.len() {
        let rest = &text[s..e];
        if rest.len() <= 1 || is_possessive(rest) {
            break;
        }
        let c = match rest.chars().next_back() {
            Some(c) => c,
            None => break,
        };
        let cl = c.len_utf8();
        if rest.len() <= cl {
            break;
        }
        if c == '.' {
            let body = &rest[..rest.len() - 1];
            if is_abbreviation(body) {
                break;
            }
            trail[nt] = ((e - 1) as u32, e as u32);
            nt += 1;
            e -= 1;
            continue;
        }
        if is_close_punct(c) {
            // Possessive "'s" at the end of the remaining word.
            trail[nt] = ((e - cl) as u32, e as u32);
            nt += 1;
            e -= cl;
            continue;
        }
        // Possessive 's / ’s.
        let rb = rest.as_bytes();
        if (c == 's' || c == 'S') && rest.len() > 2 {
            if rb[rb.len() - 2] == b'\'' {
                trail[nt] = ((e - 2) as u32, e as u32);
                nt += 1;
                e -= 2;
                break;
            }
            if rest.len() > 4 && rest[..rest.len() - 1].ends_with('’') {
                trail[nt] = ((e - 4) as u32, e as u32);
                nt += 1;
                e -= 4;
                break;
            }
        }
        break;
    }
    if e > s {
        push(out, s, e, newline);
    }
    for k in (0..nt).rev() {
        let (a, b) = trail[k];
        push(out, a as usize, b as usize, newline);
    }
}

/// Tokenize `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut v = Vec::new();
    tokenize_into(text, &mut v);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn prose() {
        assert_eq!(
            toks("“Moscow’s plan,” said Mr. Smith of the U.S. Navy--quietly."),
            vec![
                "“", "Moscow", "’s", "plan", ",", "”", "said", "Mr.", "Smith", "of", "the", "U.S.",
                "Navy", "--", "quietly", "."
            ]
        );
        assert_eq!(
            toks("Paris's mayor (Anne) met the Joneses' lawyer — then-Senator Ray."),
            vec![
                "Paris",
                "'s",
                "mayor",
                "(",
                "Anne",
                ")",
                "met",
                "the",
                "Joneses",
                "'",
                "lawyer",
                "—",
                "then-Senator",
                "Ray",
                "."
            ]
        );
    }

    #[test]
    fn pretokenized() {
        let s = "The bank 's chief , J. Doe , spoke .\nNext line";
        let t = tokenize(s);
        assert_eq!(
            t.iter().map(|t| t.text(s)).collect::<Vec<_>>(),
            vec!["The", "bank", "'s", "chief", ",", "J.", "Doe", ",", "spoke", ".", "Next", "line"]
        );
        assert!(t[0].line_start && t[10].line_start && !t[9].line_start);
    }
}
