//! Deictic and narrative units: "this/last/next/coming/past/previous" + unit, weekday, month or
//! season ("last week", "next March", "this past weekend"), and "the ..." expressions ("the
//! quarter", "the year-ago period", "the day before", "the following month", "the first half
//! of 2021", "the nineties").
//!
//! In: the token index of "the" or a deictic word. Out: a match, relative to the anchor or to
//! the last date the text named.

use super::keywords::{decade_word, Keyword, Unit};
use super::scanner::{Found, Tagger};
use super::tense::Tense;
use super::tokens::TokenKind;
use super::value::{month_shift, quarter_of, quarter_shift, week_of, weekend_of, Value};
use crate::extract::types::CivilDate;

impl<'a> Tagger<'a> {
    /// "the ..." expressions.
    pub(super) fn at_the(&self, i: usize) -> Found {
        let j = i + 1;
        // "the first half of 2021"
        let half_no = match self.keyword(j) {
            Keyword::Ordinal(h @ 1..=2) => Some(h),
            Keyword::Last
                if self.keyword(j + 2) == Keyword::Of && self.year_at(j + 3).is_some() =>
            {
                Some(2)
            }
            _ => None,
        };
        if let (Some(h), Keyword::Unit(Unit::Half, false)) = (half_no, self.keyword(j + 1)) {
            if self.keyword(j + 2) == Keyword::Of {
                if let Some(y) = self.year_at(j + 3) {
                    return Some((j + 4, Value::Half(y, h)));
                }
            }
            let a = self.anchor?;
            let y = if h == 2 && a.month <= 6 {
                a.year - 1
            } else {
                a.year
            };
            return Some((j + 2, Value::Half(y, h)));
        }
        // "the day before", "the next day"
        if self.keyword(j) == Keyword::Day
            && matches!(self.keyword(j + 1), Keyword::Before | Keyword::After)
        {
            let off = if self.keyword(j + 1) == Keyword::Before {
                -1
            } else {
                1
            };
            // "the day before last Tuesday's hearing": relative to that day.
            if let Some((e, Value::Day(d) | Value::DayTime(d, _))) = self.at(j + 2) {
                return Some((e, Value::Day(d.add_days(off))));
            }
            // Alone ("the day before, ..."): relative to the last date named.
            if self
                .tokens
                .get(j + 2)
                .is_none_or(|t| t.kind == TokenKind::Punctuation)
            {
                let base = self.last_explicit_day.or(self.anchor)?;
                return Some((j + 2, Value::Day(base.add_days(off))));
            }
            return None;
        }
        if matches!(
            self.keyword(j),
            Keyword::Next | Keyword::Following | Keyword::Previous
        ) && self.keyword(j + 1) == Keyword::Day
        {
            let base = self.last_explicit_day.or(self.anchor)?;
            let off = if self.keyword(j) == Keyword::Previous {
                -1
            } else {
                1
            };
            return Some((j + 2, Value::Day(base.add_days(off))));
        }
        if matches!(self.keyword(j), Keyword::Next | Keyword::Following) {
            if let Keyword::PartOfDay(p) = self.keyword(j + 1) {
                let base = self.last_explicit_day?;
                return Some((j + 2, Value::DayTime(base.add_days(1), p.to_string())));
            }
        }
        match self.keyword(j) {
            Keyword::Past => self.the_past(j),
            Keyword::Future if self.keyword(j + 1) != Keyword::Of => {
                Some((j + 1, Value::Raw("FUTURE_REF".into())))
            }
            _ if (self.is_word(j, "near") || self.is_word(j, "short"))
                && (self.keyword(j + 1) == Keyword::Future || self.is_word(j + 1, "term")) =>
            {
                Some((j + 2, Value::Raw("FUTURE_REF".into())))
            }
            _ if self.is_word(j, "full")
                && self.keyword(j + 1) == Keyword::Unit(Unit::Year, false) =>
            {
                let a = self.anchor?;
                Some((j + 2, Value::Year(a.year)))
            }
            Keyword::Unit(u, false) => self.the_unit(i, j, u),
            Keyword::Latest
            | Keyword::Current
            | Keyword::Same
            | Keyword::Previous
            | Keyword::Following
            | Keyword::Last
            | Keyword::Next
            | Keyword::Coming => {
                if let Some(f) = self.at_deictic(j) {
                    return Some(f);
                }
                if self.keyword(j) == Keyword::Latest && self.is_word(j + 1, "period") {
                    return self.the_unit(i, j + 1, Unit::Quarter);
                }
                if matches!(
                    self.keyword(j),
                    Keyword::Latest | Keyword::Current | Keyword::Same
                ) {
                    // "the latest quarter", "the same period"
                    let k = j + 1;
                    if let Some(f) = self
                        .the_unit(i, k, Unit::Quarter)
                        .filter(|_| self.keyword(k) == Keyword::Unit(Unit::Quarter, false))
                    {
                        return Some(f);
                    }
                }
                None
            }
            Keyword::Mid | Keyword::End | Keyword::Beginning | Keyword::Early | Keyword::Late => {
                self.at_modifier(j)
            }
            Keyword::Ordinal(_) | Keyword::Fiscal => self.the_ordinal_or_fiscal(i, j),
            Keyword::NumberWord(v) if v >= 20 && v % 10 == 0 && v < 100 => {
                // "the nineties"
                None
            }
            Keyword::Season(s) => self.at_season(j, s, None),
            Keyword::None => self.the_plain_word(j),
            _ => None,
        }
    }

    /// "the past" + deictic unit ("the past week"), or "the past" alone (`PAST_REF`).
    pub(super) fn the_past(&self, j: usize) -> Found {
        if let Some(f) = self.at_deictic(j) {
            return Some(f);
        }
        // "the past" alone
        let next = self.tokens.get(j + 1);
        let counted = matches!(
            self.keyword(j + 1),
            Keyword::Few
                | Keyword::Unit(..)
                | Keyword::Day
                | Keyword::Weekday(_)
                | Keyword::Month(_)
                | Keyword::Season(_)
        ) || next.is_some_and(|t| {
            t.kind == TokenKind::Number || (t.kind == TokenKind::Word && !t.space)
        }) || self.cardinal(j + 1).is_some()
            || self.is_punct(j + 1, b'-');
        if !counted {
            return Some((j + 1, Value::Raw("PAST_REF".into())));
        }
        None
    }

    /// "the third quarter", "the 20th century", "the fiscal year", "the fiscal 1989".
    pub(super) fn the_ordinal_or_fiscal(&self, i: usize, j: usize) -> Found {
        if let Some((q, k)) = self.quarter_words(j) {
            return Some(self.finish_quarter(q, k));
        }
        if let Keyword::Ordinal(c) = self.keyword(j) {
            if self.keyword(j + 1) == Keyword::Unit(Unit::Century, false) {
                return Some((j + 2, Value::Century(c as i32 - 1)));
            }
        }
        if self.keyword(j) == Keyword::Fiscal {
            if let Some(y) = self.year_at(j + 1) {
                return Some((j + 2, Value::Year(y)));
            }
            if self.keyword(j + 1) == Keyword::Unit(Unit::Year, false) {
                return self.the_unit(i, j + 1, Unit::Year);
            }
        }
        None
    }

    /// "the 1988 period", "the year-ago quarter" after a year, "the nineties".
    pub(super) fn the_plain_word(&self, j: usize) -> Found {
        // "the nineties", "the year-ago quarter", "the 1988 period"
        let w = *self.tokens.get(j)?;
        if let Some(y) = self.year_at(j) {
            if self.keyword(j + 1) == Keyword::Unit(Unit::Quarter, false)
                || self.is_word(j + 1, "period")
            {
                return Some((
                    j + 2,
                    match self.last_quarter {
                        Some((_, q)) => Value::QuarterAgo(y, q),
                        None => Value::Year(y),
                    },
                ));
            }
        }
        if w.kind == TokenKind::Word {
            if let Some(dec) = decade_word(self.word(j)) {
                let c = match self.anchor {
                    Some(a) if a.year >= 2000 && dec < 10 => a.year / 100,
                    _ => 19,
                };
                return Some((j + 1, Value::Decade(c * 10 + dec)));
            }
        }
        None
    }

    /// "the week", "the year", "the quarter", "the weekend", "the year-ago quarter".
    pub(super) fn the_unit(&self, i: usize, j: usize, u: Unit) -> Found {
        if self.is_punct(j + 1, b'-') && u == Unit::Year {
            return self.at_word(j);
        }
        let a = self.anchor?;
        match u {
            Unit::Weekend => {
                // "the weekend's attacks": a weekend that has happened.
                let t = if self.is_possessive(j + 1) {
                    Tense::Past
                } else {
                    self.tense(i, j + 1)
                };
                let aw = i64::from(a.weekday());
                let d = match t {
                    Tense::Future => a.add_days((5 - aw).rem_euclid(7)),
                    _ => {
                        if aw >= 5 {
                            a
                        } else {
                            a.add_days(-(aw + 2))
                        }
                    }
                };
                Some((j + 1, weekend_of(d)))
            }
            Unit::Quarter => {
                if self.is_punct(j + 1, b'-') {
                    // "quarter-to-quarter"
                    return None;
                }
                if self.keyword(j + 1) == Keyword::A
                    && self.keyword(j + 2) == Keyword::Unit(Unit::Year, false)
                    && matches!(self.keyword(j + 3), Keyword::Ago | Keyword::Earlier)
                {
                    // "the quarter a year ago"
                    return Some((j + 4, self.year_ago_val(j + 1)));
                }
                // "the quarter ended July 31": the calendar quarter holding most of the three
                // months up to that day, i.e. the quarter of the middle month. Once a quarter
                // was named ("the fiscal first quarter"), that label is kept instead.
                if self.last_quarter.is_none()
                    && self.keyword(j + 1) == Keyword::Ended
                    && matches!(self.keyword(j + 2), Keyword::Month(_))
                {
                    if let Some((_, Value::Day(d))) = self.at_word(j + 2) {
                        let (y, m) = month_shift(d.year, d.month, -1);
                        return Some((j + 1, Value::Quarter(y, quarter_of(m))));
                    }
                }
                let v = match self.last_quarter {
                    Some((y, q)) => Value::Quarter(y, q),
                    None => {
                        let (y, q) = quarter_shift(a.year, quarter_of(a.month), -1);
                        Value::Quarter(y, q)
                    }
                };
                Some((j + 1, v))
            }
            Unit::Year => {
                // "the year" alone: the anchor year (not "the year before"/"the year 2000").
                if let Some((e, y)) = self.spoken_year(j + 1) {
                    return Some((e, Value::Year(y)));
                }
                if let Some(y) = self.year_at(j + 1) {
                    return Some((j + 2, Value::Year(y)));
                }
                if matches!(
                    self.keyword(j + 1),
                    Keyword::Before | Keyword::After | Keyword::Earlier | Keyword::Ago
                ) {
                    let off = if self.keyword(j + 1) == Keyword::After {
                        1
                    } else {
                        -1
                    };
                    return Some((j + 2, Value::Year(a.year + off)));
                }
                Some((j + 1, Value::Year(a.year)))
            }
            Unit::Week => {
                if self.keyword(j + 1) == Keyword::Of {
                    if let Some((e, Value::Day(d))) = self.at_word(j + 2) {
                        return Some((e, week_of(d)));
                    }
                }
                if matches!(self.keyword(j + 1), Keyword::Before | Keyword::Earlier) {
                    return Some((j + 2, week_of(a.add_days(-7))));
                }
                Some((j + 1, week_of(a)))
            }
            Unit::Month => {
                if matches!(self.keyword(j + 1), Keyword::Before | Keyword::Earlier) {
                    let (y, m) = month_shift(a.year, a.month, -1);
                    return Some((j + 2, Value::Month(y, m)));
                }
                Some((j + 1, Value::Month(a.year, a.month)))
            }
            _ => None,
        }
    }

    /// this/last/next/past/coming/previous + unit, weekday, month or season.
    pub(super) fn at_deictic(&self, i: usize) -> Found {
        let kw = self.keyword(i);
        let off = match kw {
            Keyword::This | Keyword::Current | Keyword::Latest | Keyword::Same => 0,
            Keyword::Last | Keyword::Past | Keyword::Previous => -1,
            Keyword::Next | Keyword::Coming | Keyword::Following => 1,
            _ => return None,
        };
        let j = i + 1;
        if kw == Keyword::This && self.keyword(j) == Keyword::Past {
            // "this past Sunday", "this past weekend"
            return self.at_deictic(j);
        }
        match self.keyword(j) {
            Keyword::Weekday(wd) if !matches!(kw, Keyword::Latest | Keyword::Same) => {
                // "this Friday": the tense decides (in at_weekday).
                self.at_weekday(j, wd)
            }
            Keyword::Month(m)
                if matches!(kw, Keyword::Last | Keyword::Next | Keyword::This)
                    && self.tokens[j].capitalized =>
            {
                if let Some((e, Value::Day(d))) = self.at_month(j, m) {
                    let a = self.anchor?;
                    let d2 = match kw {
                        Keyword::Last if d > a => CivilDate::new(d.year - 1, d.month, d.day)?,
                        Keyword::Next if d < a => CivilDate::new(d.year + 1, d.month, d.day)?,
                        _ => d,
                    };
                    return Some((e, Value::Day(d2)));
                }
                let tense = match kw {
                    Keyword::Last => Tense::Past,
                    Keyword::Next => Tense::Future,
                    _ => self.tense(i, j + 1),
                };
                let y = match (self.anchor, kw) {
                    (Some(a), Keyword::Last) if m + 1 >= a.month => Some(a.year - 1),
                    (Some(a), Keyword::Next) if m <= a.month => Some(a.year + 1),
                    (Some(a), _) => Some(a.year),
                    _ => self.year_for(m, None, tense),
                };
                Some((j + 1, self.month_val(y, m)))
            }
            Keyword::Season(s) => self.at_season(j, s, Some(kw)),
            Keyword::PartOfDay(p) if matches!(kw, Keyword::This | Keyword::Last) => {
                let a = self.anchor?;
                if kw == Keyword::Last && p != "NI" {
                    return None;
                }
                let d = if kw == Keyword::Last {
                    a.add_days(-1)
                } else {
                    a
                };
                Some((j + 1, Value::DayTime(d, p.to_string())))
            }
            Keyword::Unit(_, true) if kw == Keyword::Past => {
                Some((j + 1, Value::Raw("PAST_REF".into())))
            }
            Keyword::Unit(_, true) if kw == Keyword::Coming => {
                Some((j + 1, Value::Raw("FUTURE_REF".into())))
            }
            Keyword::Few if matches!(kw, Keyword::Past | Keyword::Last) => {
                // "the last few months": a vague past reference.
                if let Keyword::Unit(_, true) = self.keyword(j + 1) {
                    return Some((j + 2, Value::Raw("PAST_REF".into())));
                }
                None
            }
            Keyword::Unit(u, false)
                if matches!(kw, Keyword::Following | Keyword::Previous | Keyword::Same)
                    || (kw == Keyword::Next && i > 0 && self.keyword(i - 1) == Keyword::The) =>
            {
                // Narrative: relative to the last explicit date when there is one.
                match (u, self.last_explicit_day, self.last_explicit_year) {
                    (Unit::Day, Some(d), _) => Some((j + 1, Value::Day(d.add_days(off as i64)))),
                    // "the next month" is as often "the coming month": narrative only after a
                    // full date.
                    (Unit::Month, Some(d), _) if kw == Keyword::Next => {
                        let (y, m) = month_shift(d.year, d.month, off);
                        Some((j + 1, Value::Month(y, m)))
                    }
                    (Unit::Month, _, _)
                        if kw != Keyword::Next && self.last_explicit_month.is_some() =>
                    {
                        let (y, m) = self.last_explicit_month?;
                        let (y, m) = month_shift(y, m, off);
                        // "the same month last year", "the same month a year earlier"
                        if kw == Keyword::Same {
                            if self.keyword(j + 1) == Keyword::Last
                                && self.keyword(j + 2) == Keyword::Unit(Unit::Year, false)
                            {
                                return Some((j + 3, Value::Month(y - 1, m)));
                            }
                            if self.keyword(j + 1) == Keyword::A
                                && self.keyword(j + 2) == Keyword::Unit(Unit::Year, false)
                                && matches!(
                                    self.keyword(j + 3),
                                    Keyword::Earlier | Keyword::Ago | Keyword::Before
                                )
                            {
                                return Some((j + 4, Value::Month(y - 1, m)));
                            }
                        }
                        Some((j + 1, Value::Month(y, m)))
                    }
                    (Unit::Year, _, Some(y)) => Some((j + 1, Value::Year(y + off))),
                    _ => {
                        if u == Unit::Day {
                            let a = self.anchor?;
                            return Some((j + 1, Value::Day(a.add_days(off as i64))));
                        }
                        self.relative_unit(i, off)
                    }
                }
            }
            Keyword::Unit(_, false) => self.relative_unit(i, off),
            Keyword::Fiscal if self.keyword(j + 1) == Keyword::Unit(Unit::Year, false) => {
                let a = self.anchor?;
                Some((j + 2, Value::Year(a.year + off)))
            }
            Keyword::Unit(_, true) | Keyword::Few | Keyword::NumberWord(_) => {
                // "the past few years", "the last two months": durations – skip, but
                // "the past several years" etc. are DURATION in gold; do not emit.
                None
            }
            _ => {
                if matches!(kw, Keyword::This) && self.number(j).is_none() {
                    return None;
                }
                None
            }
        }
    }

    /// this/last/next + unit at `i`: value relative to the anchor.
    pub(super) fn relative_unit(&self, i: usize, off: i32) -> Found {
        let mut j = i + 1;
        if self.keyword(j) == Keyword::Fiscal {
            j += 1;
        }
        let Keyword::Unit(u, false) = self.keyword(j) else {
            return None;
        };
        // A title in the middle of a sentence: ABC's "This Week".
        if self.tokens[j].capitalized
            && i > 0
            && !self.is_boundary(i - 1)
            && !self.tokens[i].newline
        {
            return None;
        }
        let Some(a) = self.anchor else {
            return Some((
                j + 1,
                Value::Raw(
                    match u {
                        Unit::Year => "XXXX",
                        Unit::Month => "XXXX-XX",
                        Unit::Week | Unit::Weekend => "XXXX-WXX",
                        Unit::Day => "XXXX-XX-XX",
                        _ => "XXXX",
                    }
                    .into(),
                ),
            ));
        };
        let kw = self.keyword(i);
        let e = j + 1;
        let v = match u {
            Unit::Year => {
                // "this year's third quarter"
                let y = a.year + off;
                if self.is_possessive(e) {
                    if let Some((q, k)) = self.quarter_words(e + 2) {
                        return Some((k, Value::Quarter(y, q)));
                    }
                    if self.keyword(e + 2) == Keyword::Unit(Unit::Quarter, false) {
                        let q = self.last_quarter.map_or_else(
                            || quarter_shift(a.year, quarter_of(a.month), -1).1,
                            |x| x.1,
                        );
                        return Some((e + 3, Value::QuarterAgo(y, q)));
                    }
                }
                Value::Year(y)
            }
            Unit::Month => {
                let (y, m) = month_shift(a.year, a.month, off);
                Value::Month(y, m)
            }
            Unit::Week => week_of(a.add_days(7 * i64::from(off))),
            Unit::Weekend => {
                let aw = i64::from(a.weekday());
                let base = if off < 0 {
                    a.add_days(-(aw + 2))
                } else if off > 0 {
                    a.add_days(7 - aw + 5)
                } else {
                    a.add_days(5 - aw)
                };
                if kw == Keyword::Past || kw == Keyword::Last {
                    // "last weekend" / "the past weekend": the most recent one.
                    let d = if aw >= 5 { a } else { a.add_days(-(aw + 2)) };
                    weekend_of(d)
                } else {
                    weekend_of(base)
                }
            }
            Unit::Quarter => {
                if off == 0 && matches!(kw, Keyword::Latest | Keyword::This | Keyword::Same) {
                    return self.the_unit(i, j, Unit::Quarter);
                }
                let (y, q) = quarter_shift(a.year, quarter_of(a.month), off);
                Value::Quarter(y, q)
            }
            Unit::Half => {
                if self.keyword(e) == Keyword::Of {
                    return None;
                }
                let h = if a.month <= 6 { 1 } else { 2 };
                let idx = a.year * 2 + (h - 1) + off;
                Value::Half(idx.div_euclid(2), (idx.rem_euclid(2) + 1) as u32)
            }
            Unit::Decade => Value::Decade(a.year / 10 + off),
            Unit::Century => Value::Century(a.year / 100 + off),
            Unit::Day => return None,
        };
        Some((e, v))
    }
}
