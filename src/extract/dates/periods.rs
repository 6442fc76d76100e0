//! Named periods: seasons ("summer 2020", "last fall"), holidays ("Christmas Eve", "Election
//! Day", "Thanksgiving 2019"), and the modifiers "early/late/mid/the end of/the beginning of",
//! which take the value of the date they modify.
//!
//! In: the token index of a season, holiday or modifier word. Out: a match.

use super::anchor::nearest_occurrence;
use super::holidays::{holiday_date, Holiday};
use super::keywords::{decade_word, Keyword};
use super::scanner::{Found, Tagger};
use super::tense::Tense;
use super::tokens::{Lower, TokenKind};
use super::value::{season_index, season_of_month, Value};

impl<'a> Tagger<'a> {
    pub(super) fn at_season(&self, i: usize, s: &'static str, deictic: Option<Keyword>) -> Found {
        // "summer 2020", "the summer of 1994"
        let mut k = i + 1;
        if self.keyword(k) == Keyword::Of {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            return Some((k + 1, Value::Season(y, s)));
        }
        if let Some((e, y)) = self.spoken_year(k) {
            return Some((e, Value::Season(y, s)));
        }
        let a = self.anchor?;
        // The season the anchor is in.
        let (ai, yo) = season_of_month(a.month);
        let ay = a.year + yo;
        let si = season_index(s);
        let y = match deictic {
            Some(Keyword::Last) | Some(Keyword::Past) | Some(Keyword::Previous) => {
                if si < ai {
                    ay
                } else {
                    ay - 1
                }
            }
            Some(Keyword::Next) | Some(Keyword::Coming) => {
                if si > ai {
                    ay
                } else {
                    ay + 1
                }
            }
            Some(_) => ay,
            None => {
                // Needs a determiner or preposition to be a date ("fall" is also a verb).
                if i == 0 {
                    return None;
                }
                let p = Lower::new(self.word(i - 1));
                if !matches!(
                    p.as_str(),
                    "the"
                        | "in"
                        | "this"
                        | "during"
                        | "by"
                        | "until"
                        | "since"
                        | "early"
                        | "late"
                        | "mid"
                ) {
                    return None;
                }
                match self.tense(i, i + 1) {
                    Tense::Past if si > ai => ay - 1,
                    Tense::Future if si < ai => ay + 1,
                    _ => ay,
                }
            }
        };
        Some((i + 1, Value::Season(y, s)))
    }

    /// "early/late/mid/the end of/the beginning of" + date: the value of the date.
    pub(super) fn at_modifier(&self, i: usize) -> Found {
        let mut j = i + 1;
        if self.is_punct(j, b'-') {
            j += 1;
        }
        if self.keyword(j) == Keyword::Of {
            j += 1;
        }
        if self.keyword(j) == Keyword::The {
            j += 1;
        }
        match self.keyword(j) {
            Keyword::Month(m) => {
                if let Some(f) = self.at_month(j, m) {
                    return Some(f);
                }
                if self.tokens[j].capitalized {
                    let y = self.year_for(m, None, self.tense(i, j + 1));
                    return Some((self.skip_dot(j + 1), self.month_val(y, m)));
                }
                None
            }
            Keyword::Weekday(_)
            | Keyword::Today
            | Keyword::Yesterday
            | Keyword::Tomorrow
            | Keyword::This
            | Keyword::Last
            | Keyword::Next
            | Keyword::Season(_) => self.at_word(j),
            Keyword::Unit(u, false) => {
                if self.keyword(j - 1) == Keyword::The {
                    self.the_unit(j - 1, j, u)
                } else {
                    None
                }
            }
            Keyword::None
                if self
                    .tokens
                    .get(j)
                    .is_some_and(|t| t.kind == TokenKind::Number) =>
            {
                let f = self.at_number(j)?;
                matches!(f.1, Value::Year(_) | Value::Decade(_)).then_some(f)
            }
            Keyword::None => {
                if j < self.tokens.len() && self.tokens[j].kind == TokenKind::Word {
                    if let Some(dec) = decade_word(self.word(j)) {
                        return Some((j + 1, Value::Decade(190 + dec)));
                    }
                }
                None
            }
            _ => None,
        }
    }

    pub(super) fn holiday_year(&self, i: usize, e: usize, m: u32, d: u32) -> (usize, Option<i32>) {
        let mut k = e;
        if self.is_punct(k, b',') {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            return (k + 1, Some(y));
        }
        let t = self.tense(i, e);
        (e, self.year_for(m, Some(d), t))
    }

    pub(super) fn at_holiday(&self, i: usize, h: Holiday) -> Found {
        if !self.tokens[i].capitalized {
            return None;
        }
        // "Easter Island", "Christmas Carol": part of a name.
        if let Some(n) = self.tokens.get(i + 1) {
            if n.kind == TokenKind::Word
                && n.capitalized
                && n.space
                && !matches!(
                    self.keyword(i + 1),
                    Keyword::Day | Keyword::Eve | Keyword::Weekday(_)
                )
            {
                return None;
            }
        }
        let mut e = i + 1;
        // Possessive "Valentine's Day", "New Year's".
        if self.is_punct(e, b'\'') {
            e += 1;
            if self.is_word(e, "s") {
                e += 1;
            }
        }
        let mut eve = false;
        match h {
            Holiday::Christmas => {
                if self.keyword(e) == Keyword::Eve {
                    eve = true;
                    e += 1;
                } else if self.keyword(e) == Keyword::Day {
                    e += 1;
                }
            }
            Holiday::Easter | Holiday::Halloween => {
                if self.keyword(e) == Keyword::Day || self.is_word(e, "Sunday") {
                    e += 1;
                }
            }
            Holiday::Thanksgiving => {
                if self.keyword(e) == Keyword::Day {
                    e += 1;
                }
            }
            _ => {
                if self.keyword(e) != Keyword::Day || !self.tokens[e].capitalized {
                    return None;
                }
                e += 1;
            }
        }
        // Year: explicit after, else tense / nearest.
        let mut k = e;
        if self.is_punct(k, b',') {
            k += 1;
        }
        let y = if let Some(y) = self.year_at(k) {
            e = k + 1;
            Some(y)
        } else if let Some(a) = self.anchor {
            let t = self.tense(i, e);
            nearest_occurrence(a, t, |y| holiday_date(h, eve, y)).map(|(y, _)| y)
        } else {
            self.last_year
        };
        let v = match y.and_then(|y| holiday_date(h, eve, y)) {
            Some(d) => Value::Day(d),
            None => return None,
        };
        Some((e, v))
    }
    /// "New Year's Day", "New Year's Eve" [year].
    pub(super) fn at_new_year(&self, i: usize) -> Found {
        // New Year's Day / New Year's Eve
        if self.is_word(i + 1, "Year") && self.tokens[i].capitalized {
            let mut j = i + 2;
            if self.is_possessive(j) {
                j += 2;
            } else if self.is_punct(j, b'\'') {
                j += 1;
            }
            let eve = self.keyword(j) == Keyword::Eve;
            if !(self.keyword(j) == Keyword::Day || eve) {
                return None;
            }
            let (m, d) = if eve { (12, 31) } else { (1, 1) };
            let (e, y) = self.holiday_year(i, j + 1, m, d);
            return Some((e, self.day_val(y, m, d)));
        }
        None
    }
}
