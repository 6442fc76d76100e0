//! Anchor resolution: what a year-less or anchor-relative expression means, given the article
//! date (the anchor), a dateline that may move it, the clause tense and what the text named
//! before.
//!
//! In: a month (and day), a two-digit year, a tense. Out: the year, or a value (partial with
//! `X` when there is neither an anchor nor a year named before).

use super::keywords::{Keyword, Unit};
use super::scanner::Tagger;
use super::tense::Tense;
use super::tokens::{Token, TokenKind};
use super::value::{ymd, Value};
use crate::extract::types::CivilDate;

/// The date of a wire dateline opening the text ("NAIROBI, Kenya, Aug. 7 (AP) --"), when it
/// falls up to three days before the archive date: the story was written then, and "today" or
/// "Friday" refer to that day.
pub(super) fn dateline_date(text: &str, tokens: &[Token], a: CivilDate) -> Option<CivilDate> {
    let word = |t: &Token| &text[t.start as usize..t.end as usize];
    let byte = |t: &Token| text.as_bytes()[t.start as usize];
    // Place name: upper-case words, commas, dots; then the month.
    let mut k = 0;
    let mut comma = false;
    while k < tokens.len() && k < 12 {
        let t = &tokens[k];
        match t.kind {
            TokenKind::Word if matches!(t.keyword, Keyword::Month(_)) && comma => break,
            TokenKind::Word if word(t).bytes().all(|c| !c.is_ascii_lowercase()) => {}
            // "State" after a comma: "Amherst, N.Y.", "Nairobi, Kenya".
            TokenKind::Word if comma && t.capitalized => {}
            TokenKind::Punctuation if byte(t) == b',' => comma = true,
            TokenKind::Punctuation if byte(t) == b'.' => {}
            _ => return None,
        }
        k += 1;
    }
    if k == 0 || k >= tokens.len() || !comma || tokens[0].kind != TokenKind::Word {
        return None;
    }
    let Keyword::Month(m) = tokens[k].keyword else {
        return None;
    };
    let mut j = k + 1;
    if tokens
        .get(j)
        .is_some_and(|t| t.kind == TokenKind::Punctuation && byte(t) == b'.')
    {
        j += 1;
    }
    let t = tokens.get(j)?;
    if t.kind != TokenKind::Number || t.digits > 2 || !(1..=31).contains(&t.number) {
        return None;
    }
    // Then "(Agency)" or a dash.
    let next = tokens.get(j + 1)?;
    if next.kind != TokenKind::Punctuation || !matches!(byte(next), b'(' | b'-' | b'_') {
        return None;
    }
    let d = t.number;
    let y = if (m, d) <= (a.month, a.day) {
        a.year
    } else {
        a.year - 1
    };
    let date = ymd(y, m, d)?;
    let back = a.days_since_epoch() - date.days_since_epoch();
    (1..=3).contains(&back).then_some(date)
}

/// Of the occurrences `date_in(year)` in the anchor's year and the years either side, the one
/// nearest the anchor that the tense allows (past: on or before it, future: on or after it),
/// with its year; on a tie the earlier year wins.
pub(super) fn nearest_occurrence(
    anchor: CivilDate,
    tense: Tense,
    date_in: impl Fn(i32) -> Option<CivilDate>,
) -> Option<(i32, CivilDate)> {
    let anchor_day = anchor.days_since_epoch();
    let mut best: Option<(i64, i32, CivilDate)> = None;
    for y in [anchor.year - 1, anchor.year, anchor.year + 1] {
        if let Some(d) = date_in(y) {
            let diff = d.days_since_epoch() - anchor_day;
            let ok = match tense {
                Tense::Past => diff <= 0,
                Tense::Future => diff >= 0,
                Tense::Unknown => true,
            };
            if ok && best.is_none_or(|(bd, _, _)| diff.abs() < bd) {
                best = Some((diff.abs(), y, d));
            }
        }
    }
    best.map(|(_, y, d)| (y, d))
}

impl<'a> Tagger<'a> {
    /// "this year", "last year", "next year" at `k`: the anchor's year, the one before or the
    /// one after (`None` without an anchor).
    pub(super) fn deictic_year(&self, k: usize) -> Option<i32> {
        let a = self.anchor?;
        if self.keyword(k + 1) != Keyword::Unit(Unit::Year, false) {
            return None;
        }
        match self.keyword(k) {
            Keyword::This => Some(a.year),
            Keyword::Last => Some(a.year - 1),
            Keyword::Next => Some(a.year + 1),
            _ => None,
        }
    }

    /// The year for a year-less month/day, from the anchor and tense, or the last explicit year.
    pub(super) fn year_for(&self, m: u32, d: Option<u32>, tense: Tense) -> Option<i32> {
        match self.anchor {
            Some(a) => {
                let ya = a.year;
                let key = |mm: u32, dd: u32| mm * 32 + dd;
                let here = key(a.month, a.day);
                let dd = d.unwrap_or(0);
                Some(match tense {
                    Tense::Past => {
                        let cmp = if d.is_some() {
                            key(m, dd) <= here
                        } else {
                            m <= a.month
                        };
                        if cmp {
                            ya
                        } else {
                            ya - 1
                        }
                    }
                    Tense::Future => {
                        let cmp = if d.is_some() {
                            key(m, dd) >= here
                        } else {
                            m >= a.month
                        };
                        if cmp {
                            ya
                        } else {
                            ya + 1
                        }
                    }
                    Tense::Unknown => {
                        // Nearest occurrence, measured in months.
                        let diff = m as i32 - a.month as i32;
                        // News looks back more often than ahead. A twelve-month window:
                        // days seven months back and four ahead; a month alone six back and
                        // five ahead (coming elections, delivery months, deadlines).
                        let (ahead, back) = if d.is_some() { (4, 7) } else { (5, 6) };
                        if diff > ahead {
                            ya - 1
                        } else if diff < -back {
                            ya + 1
                        } else {
                            ya
                        }
                    }
                })
            }
            None => self.last_year,
        }
    }

    pub(super) fn day_val(&self, y: Option<i32>, m: u32, d: u32) -> Value {
        match y {
            Some(y) => match ymd(y, m, d) {
                Some(c) => Value::Day(c),
                None => Value::Raw(format!("{y:04}-{m:02}-{d:02}")),
            },
            None => Value::Raw(format!("XXXX-{m:02}-{d:02}")),
        }
    }

    pub(super) fn month_val(&self, y: Option<i32>, m: u32) -> Value {
        match y {
            Some(y) => Value::Month(y, m),
            None => Value::Raw(format!("XXXX-{m:02}")),
        }
    }

    /// Century for a two-digit year: the anchor's (or 19/20 split).
    pub(super) fn century_guess(&self, yy: u32) -> i32 {
        match self.anchor {
            Some(a) => {
                let c = a.year / 100;
                if (yy as i32) > a.year % 100 + 10 {
                    c - 1
                } else {
                    c
                }
            }
            None => {
                if yy > 30 {
                    19
                } else {
                    20
                }
            }
        }
    }

    /// Value for "a year ago"/"a year earlier"/"year-ago": the last quarter a year back in
    /// earnings context, else the previous year.
    pub(super) fn year_ago_val(&self, _i: usize) -> Value {
        if let Some((y, q)) = self.last_quarter {
            return Value::QuarterAgo(y - 1, q);
        }
        match self.anchor {
            Some(a) => Value::Year(a.year - 1),
            None => Value::Raw("XXXX".into()),
        }
    }
}
