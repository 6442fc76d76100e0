//! The scanner: tokens in, date mentions out. It walks the tokens, tries a match at each token
//! that can start an expression ([`Tagger::at`] hands numbers, keywords and apostrophes to the
//! matchers of the other stages), takes the match found there and goes on after it, and
//! remembers what the text has named so far (the last explicit year, day, month and quarter)
//! for the anaphoric and narrative expressions that follow. Also the token helpers every
//! matcher uses.

use super::keywords::Keyword;
use super::tokens::{Lower, Token, TokenKind};
use super::value::{quarter_of, Value};
use crate::extract::types::{CivilDate, DateMention};

/// The scanner over one text: its tokens, the anchor, what was named so far, the mentions found.
pub(super) struct Tagger<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Token],
    pub(super) anchor: Option<CivilDate>,
    /// The last explicit year seen (for resolving year-less dates without an anchor).
    pub(super) last_year: Option<i32>,
    /// The last quarter mentioned (for "a year earlier" in earnings reports).
    pub(super) last_quarter: Option<(i32, u32)>,
    /// Token index where the last quarter was mentioned.
    pub(super) last_quarter_at: usize,
    /// The year of the last explicit (not anchor-relative) date.
    pub(super) last_explicit_year: Option<i32>,
    /// Token index of the last mention with a four-digit year.
    pub(super) year_written_at: Option<usize>,
    /// The last explicit day mentioned.
    pub(super) last_explicit_day: Option<CivilDate>,
    /// The month of the last explicit day or month ("In March ... The following month").
    pub(super) last_explicit_month: Option<(i32, u32)>,
    /// The last day-level value of any kind, weekdays included (for "that day").
    pub(super) last_any_day: Option<CivilDate>,
    /// The last "Month Day" mention and the token after it ("April 24 and 25").
    pub(super) last_day: Option<(CivilDate, usize)>,

    pub(super) out: Vec<DateMention>,
}

/// How many tokens a written-out year stays the reference for "that year".
pub(super) const YEAR_REACH: usize = 15;

/// How many tokens a quarter mention stays the reference for "a year earlier".
pub(super) const QUARTER_REACH: usize = 60;

/// A match: index one past its last token, and its value.
pub(super) type Found = Option<(usize, Value)>;

impl<'a> Tagger<'a> {
    /// A scanner over `tokens` of `text`, resolving against `anchor`, with nothing named yet.
    pub(super) fn new(text: &'a str, tokens: &'a [Token], anchor: Option<CivilDate>) -> Self {
        Tagger {
            text,
            tokens,
            anchor,
            last_year: None,
            last_quarter: None,
            last_quarter_at: 0,
            last_explicit_year: None,
            last_explicit_day: None,
            year_written_at: None,
            last_explicit_month: None,
            last_any_day: None,
            last_day: None,
            out: Vec::new(),
        }
    }

    /// Scans all tokens; the mentions found are left in `out`.
    pub(super) fn run(&mut self) {
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            let t = self.tokens[i];
            let cand = match t.kind {
                TokenKind::Number => true,
                TokenKind::Word => t.keyword != Keyword::None,
                TokenKind::Punctuation | TokenKind::Other => self.is_punct(i, b'\''),
            };
            if cand {
                if let Some((j, v)) = self.at(i) {
                    let j = j.min(n);
                    if j > i {
                        if self.last_quarter.is_some() && i > self.last_quarter_at + QUARTER_REACH {
                            self.last_quarter = None;
                        }
                        if matches!(v, Value::Quarter(..)) {
                            self.last_quarter_at = i;
                        }
                        self.note(&v);
                        let has_year = self.tokens[i..j]
                            .iter()
                            .any(|t| t.kind == TokenKind::Number && t.digits == 4);
                        let explicit =
                            matches!(self.tokens[i].keyword, Keyword::Month(_)) || has_year;
                        // A year written out stays the reference for a while: "April 1989,
                        // then May and June of that year" (the inferred years of "May" and
                        // "June" do not replace it).
                        let keep_year =
                            !has_year && self.year_written_at.is_some_and(|k| i < k + YEAR_REACH);
                        let prev_year = self.last_explicit_year;
                        if has_year {
                            self.year_written_at = Some(i);
                        }
                        if explicit {
                            match v {
                                Value::Day(d) | Value::DayTime(d, _) => {
                                    self.last_explicit_year = Some(d.year);
                                    self.last_explicit_day = Some(d);
                                    self.last_explicit_month = Some((d.year, d.month));
                                }
                                Value::Month(y, m) => {
                                    self.last_explicit_year = Some(y);
                                    self.last_explicit_day = None;
                                    self.last_explicit_month = Some((y, m));
                                }
                                Value::Year(y) | Value::Season(y, _) => {
                                    self.last_explicit_year = Some(y);
                                    self.last_explicit_day = None;
                                    self.last_explicit_month = None;
                                }
                                _ => {}
                            }
                        }
                        if let Value::Day(d) | Value::DayTime(d, _) = v {
                            self.last_any_day = Some(d);
                        }
                        if let Value::Month(y, m) = v {
                            // "last month ... the previous month"
                            self.last_explicit_month = Some((y, m));
                        }
                        if keep_year {
                            self.last_explicit_year = prev_year;
                        }
                        self.last_day = match v {
                            Value::Day(d)
                                if matches!(self.tokens[i].keyword, Keyword::Month(_)) =>
                            {
                                Some((d, j))
                            }
                            _ => None,
                        };
                        let value = v.render();
                        let (s, e) = self.trim_span(i, j);
                        self.out.push(DateMention {
                            start: self.tokens[s].start as usize,
                            end: self.tokens[e - 1].end as usize,
                            value,
                        });
                        i = j;
                        continue;
                    }
                }
            }
            i += 1;
        }
    }

    /// Drop a leading "the" and trailing punctuation from a span.
    pub(super) fn trim_span(&self, mut s: usize, mut e: usize) -> (usize, usize) {
        while e > s + 1 && self.tokens[e - 1].kind == TokenKind::Punctuation {
            // Keep the dot of an abbreviation ("Sept.", "p.m.").
            let p = self.tokens[e - 2];
            if self.byte(e - 1) == b'.'
                && p.kind == TokenKind::Word
                && (p.end - p.start <= 4 && !matches!(p.keyword, Keyword::Month(5..=7))
                    || p.end - p.start == 1)
            {
                break;
            }
            e -= 1;
        }
        if e > s + 1 && self.tokens[s].keyword == Keyword::The {
            s += 1;
        }
        (s, e)
    }

    pub(super) fn note(&mut self, v: &Value) {
        if let Value::Quarter(y, q) = *v {
            // Results are reported for quarters already over; the current or a later quarter
            // (a forecast, or a fiscal quarter) is no reference for "the latest quarter".
            let future = self
                .anchor
                .is_some_and(|a| (y, q) >= (a.year, quarter_of(a.month)));
            if !future {
                self.last_quarter = Some((y, q));
            }
        }
        if self.anchor.is_none() {
            match *v {
                Value::Year(y) | Value::Month(y, _) | Value::Season(y, _) => {
                    self.last_year = Some(y)
                }
                Value::Day(d) | Value::DayTime(d, _) => self.last_year = Some(d.year),
                _ => {}
            }
        }
    }

    pub(super) fn keyword(&self, i: usize) -> Keyword {
        self.tokens.get(i).map_or(Keyword::None, |t| t.keyword)
    }

    pub(super) fn byte(&self, i: usize) -> u8 {
        self.text.as_bytes()[self.tokens[i].start as usize]
    }

    /// Token `i` is the ASCII mark `c`; for `'` also a typographic apostrophe.
    pub(super) fn is_punct(&self, i: usize, c: u8) -> bool {
        match self.tokens.get(i) {
            Some(t) if t.kind == TokenKind::Punctuation => {
                self.text.as_bytes()[t.start as usize] == c
            }
            Some(t) if t.kind == TokenKind::Other && c == b'\'' => {
                matches!(
                    &self.text[t.start as usize..t.end as usize],
                    "\u{2019}" | "\u{2018}"
                )
            }
            _ => false,
        }
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        let t = self.tokens[i];
        &self.text[t.start as usize..t.end as usize]
    }

    pub(super) fn is_word(&self, i: usize, w: &str) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word && self.word(i).eq_ignore_ascii_case(w))
    }

    pub(super) fn number(&self, i: usize) -> Option<(u32, u8)> {
        self.tokens
            .get(i)
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| (t.number, t.digits))
    }

    /// Tokens `i` and `i + 1` are the possessive "'s" (also with a typographic apostrophe).
    pub(super) fn is_possessive(&self, i: usize) -> bool {
        self.is_punct(i, b'\'') && self.is_word(i + 1, "s")
    }

    /// Token `i` directly follows token `i - 1` without space.
    pub(super) fn tight(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| !t.space)
    }

    /// Skip an optional "." right after an abbreviation.
    pub(super) fn skip_dot(&self, i: usize) -> usize {
        if self.is_punct(i, b'.') && self.tight(i) {
            i + 1
        } else {
            i
        }
    }

    /// A small cardinal: a number token or a number word ("two", "twenty-five", "a").
    pub(super) fn cardinal(&self, i: usize) -> Option<(usize, u32)> {
        let t = self.tokens.get(i)?;
        match t.keyword {
            Keyword::NumberWord(v) if v < 100 => {
                if v >= 20 && self.is_punct(i + 1, b'-') {
                    if let Keyword::NumberWord(u) = self.keyword(i + 2) {
                        if u < 10 {
                            return Some((i + 3, v + u));
                        }
                    }
                }
                Some((i + 1, v))
            }
            Keyword::A => Some((i + 1, 1)),
            _ if t.kind == TokenKind::Number && t.digits <= 3 && !self.is_punct(i + 1, b',') => {
                Some((i + 1, t.number))
            }
            _ => None,
        }
    }

    /// A four-digit year at `i` (with sanity checks against money, counts and codes).
    pub(super) fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.tokens.get(i)?;
        if t.kind != TokenKind::Number || t.digits != 4 || !(1000..=2099).contains(&t.number) {
            return None;
        }
        if i > 0 {
            let p = self.tokens[i - 1];
            let after_mid = p.kind == TokenKind::Punctuation
                && self.byte(i - 1) == b'-'
                && i > 1
                && (matches!(
                    self.keyword(i - 2),
                    Keyword::Mid | Keyword::Early | Keyword::Late
                ) || self.is_word(i - 2, "pre")
                    || self.is_word(i - 2, "post"));
            if !t.space
                && !after_mid
                && (p.kind == TokenKind::Number
                    || p.kind == TokenKind::Word
                    || matches!(
                        self.byte(i - 1),
                        b'$' | b'#' | b'.' | b',' | b'-' | b'/' | b':'
                    ))
            {
                return None;
            }
            if p.kind == TokenKind::Punctuation && matches!(self.byte(i - 1), b'$' | b'#') {
                return None;
            }
            if p.kind == TokenKind::Other && !t.space {
                return None;
            }
        }
        if let Some(nx) = self.tokens.get(i + 1) {
            if !nx.space {
                if nx.kind == TokenKind::Number || nx.kind == TokenKind::Word {
                    return None;
                }
                if nx.kind == TokenKind::Punctuation
                    && matches!(self.byte(i + 1), b'%' | b':' | b'/')
                    || (matches!(self.byte(i + 1), b',' | b'.')
                        && self
                            .tokens
                            .get(i + 2)
                            .is_some_and(|n2| !n2.space && n2.kind == TokenKind::Number))
                {
                    return None;
                }
            }
        }
        if (i + 1 < self.tokens.len())
            && (self.is_unit_noun(i + 1) || self.keyword(i + 1) == Keyword::TimeZone)
        {
            return None;
        }
        if self.is_word(i + 1, "hrs") || self.is_word(i + 1, "hours") || self.is_word(i + 1, "GMT")
        {
            return None;
        }
        Some(t.number as i32)
    }

    /// Words after a number that show it is a count, not a year.
    pub(super) fn is_unit_noun(&self, i: usize) -> bool {
        let t = self.tokens[i];
        if t.kind != TokenKind::Word {
            return false;
        }
        let w = self.word(i);
        let l = w.len();
        if l < 3 {
            return false;
        }
        matches!(
            Lower::new(w).as_str(),
            "people"
                | "persons"
                | "troops"
                | "soldiers"
                | "workers"
                | "employees"
                | "jobs"
                | "shares"
                | "units"
                | "cars"
                | "homes"
                | "houses"
                | "votes"
                | "points"
                | "miles"
                | "meters"
                | "metres"
                | "feet"
                | "tons"
                | "tonnes"
                | "barrels"
                | "acres"
                | "members"
                | "students"
                | "children"
                | "cases"
                | "deaths"
                | "dead"
                | "km"
                | "kilometers"
                | "kilometres"
                | "calories"
                | "hours"
                | "minutes"
                | "residents"
                | "patients"
                | "officers"
                | "police"
                | "copies"
                | "rooms"
                | "beds"
                | "pages"
                | "words"
                | "delegates"
                | "seats"
                | "companies"
                | "stores"
                | "percent"
        )
    }

    /// Try to match an expression starting at token `i`.
    pub(super) fn at(&self, i: usize) -> Found {
        let t = *self.tokens.get(i)?;
        match t.kind {
            TokenKind::Number => self.at_number(i),
            TokenKind::Punctuation | TokenKind::Other => self.at_apostrophe_decade(i),
            TokenKind::Word => self.at_word(i),
        }
    }
}
