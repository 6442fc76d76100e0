//! Relative and vague expressions opened by a keyword: today, yesterday, tomorrow, weekdays
//! (resolved by tense), "now", "recently", "that year", "earlier this month", "two weeks ago",
//! "Q3", "FY2021", "year-end". [`Tagger::at_word`] dispatches every keyword to its matcher.
//!
//! In: the token index of a keyword. Out: a match (end token and value).

use super::anchor::nearest_occurrence;
use super::holidays::{easter, nth_weekday};
use super::keywords::{Keyword, Unit};
use super::scanner::{Found, Tagger};
use super::tense::Tense;
use super::tokens::{Lower, TokenKind};
use super::value::{month_shift, quarter_of, quarter_shift, week_of, Value};
use crate::extract::types::CivilDate;

impl<'a> Tagger<'a> {
    /// A capitalized day word inside a name: "Sunday Telegraph", "Radio 4's Today programme".
    pub(super) fn is_title_part(&self, i: usize) -> bool {
        let Some(n) = self.tokens.get(i + 1) else {
            return false;
        };
        if n.kind == TokenKind::Word
            && matches!(
                Lower::new(self.word(i + 1)).as_str(),
                "programme"
                    | "program"
                    | "show"
                    | "newspaper"
                    | "edition"
                    | "times"
                    | "telegraph"
                    | "mirror"
                    | "express"
                    | "herald"
                    | "post"
                    | "people"
                    | "sport"
                    | "mail"
                    | "independent"
                    | "tribune"
                    | "star"
                    | "observer"
                    | "journal"
                    | "live"
            )
        {
            return true;
        }
        if i >= 2 && self.is_word(i - 1, "s") && self.is_punct(i - 2, b'\'') {
            // "BBC's Today"
            return self.keyword(i) == Keyword::Today && self.tokens[i].capitalized;
        }
        if self.keyword(i) == Keyword::Today && self.tokens[i].capitalized && i > 0 {
            // "VOA Today", "USA Today"
            let p = self.tokens[i - 1];
            return p.kind == TokenKind::Word && p.capitalized;
        }
        false
    }

    /// "today's world", "tomorrow's leaders", "the cars of tomorrow": the present or future
    /// in general, not a day (annotators leave these unmarked).
    pub(super) fn generic_day(&self, i: usize) -> bool {
        const GENERIC: &[&str] = &[
            "world",
            "society",
            "youth",
            "young",
            "generation",
            "generations",
            "children",
            "kids",
            "teenagers",
            "people",
            "culture",
            "economy",
            "standards",
            "technology",
            "computers",
            "consumers",
            "families",
            "parents",
            "students",
            "workers",
            "leaders",
            "women",
            "men",
            "americans",
            "politics",
        ];
        let generic = |k: usize| {
            self.tokens
                .get(k)
                .is_some_and(|t| t.kind == TokenKind::Word)
                && GENERIC.contains(&Lower::new(self.word(k)).as_str())
        };
        if self.is_possessive(i + 1) {
            // The noun, or one modifier and the noun: "today's personal computers".
            return generic(i + 3) || generic(i + 4);
        }
        // "the world of tomorrow"; "of today" is left alone ("the results of today's vote").
        self.keyword(i) == Keyword::Tomorrow
            && i > 1
            && self.is_word(i - 1, "of")
            && self.tokens[i - 2].kind == TokenKind::Word
    }

    pub(super) fn at_word(&self, i: usize) -> Found {
        let kw = self.tokens.get(i)?.keyword;
        match kw {
            Keyword::Month(m) => self.at_month(i, m),
            Keyword::Weekday(wd) => self.at_weekday(i, wd),
            Keyword::Today if self.tokens[i].capitalized && i > 0 && self.is_title_part(i) => None,
            Keyword::Today | Keyword::Tomorrow if self.generic_day(i) => None,
            Keyword::Noon => self.at_noon(i),
            Keyword::Mid if self.at_noon(i).is_some() => self.at_noon(i),
            Keyword::Today => self.at_today(i),
            Keyword::Yesterday | Keyword::Tomorrow | Keyword::Tonight => {
                self.at_neighbour_day(i, kw)
            }
            Keyword::Now | Keyword::Currently | Keyword::Nowadays => {
                if kw == Keyword::Now && self.is_punct(i + 1, b'-') {
                    return None;
                }
                Some((i + 1, Value::Raw("PRESENT_REF".into())))
            }
            Keyword::Current
                if self.is_word(i + 1, "account") || self.is_word(i + 1, "accounts") =>
            {
                None
            }
            Keyword::Current => {
                // "the current fiscal year"/"current quarter".
                if let Some(f) = self.relative_unit(i, 0) {
                    return Some(f);
                }
                if i > 0 && self.is_word(i - 1, "then") {
                    return Some((i + 1, Value::Raw("PAST_REF".into())));
                }
                Some((i + 1, Value::Raw("PRESENT_REF".into())))
            }
            Keyword::Recently => Some((i + 1, Value::Raw("PAST_REF".into()))),
            Keyword::Recent => {
                // "recent years/days/months/weeks"
                if let Keyword::Unit(_, true) = self.keyword(i + 1) {
                    return Some((i + 2, Value::Raw("PAST_REF".into())));
                }
                None
            }
            Keyword::Soon | Keyword::Previously => None,
            Keyword::Future => {
                // "future quarters/years"
                if let Keyword::Unit(_, true) = self.keyword(i + 1) {
                    return Some((i + 2, Value::Raw("FUTURE_REF".into())));
                }
                None
            }
            Keyword::The => self.at_the(i),
            Keyword::That => self.at_that(i),
            Keyword::These if self.is_word(i + 1, "days") => {
                Some((i + 2, Value::Raw("PRESENT_REF".into())))
            }
            Keyword::This
            | Keyword::Last
            | Keyword::Next
            | Keyword::Coming
            | Keyword::Past
            | Keyword::Previous => self.at_deictic(i),
            Keyword::Earlier | Keyword::Later => {
                // "earlier this month", "later this year", "earlier Sunday"
                let j = i + 1;
                match self.keyword(j) {
                    Keyword::This
                    | Keyword::Last
                    | Keyword::Next
                    | Keyword::Today
                    | Keyword::Yesterday
                    | Keyword::Weekday(_)
                    | Keyword::That => self.at_word(j),
                    Keyword::Month(_) => {
                        let f = self.at_word(j)?;
                        Some(f)
                    }
                    _ => None,
                }
            }
            Keyword::Early | Keyword::Late | Keyword::Mid | Keyword::End | Keyword::Beginning => {
                self.at_modifier(i)
            }
            Keyword::NumberWord(_) | Keyword::A | Keyword::Few => self.at_ago(i),
            Keyword::Season(s) => self.at_season(i, s, None),
            Keyword::Ordinal(_) | Keyword::Fiscal => {
                if let Some((q, k)) = self.quarter_words(i) {
                    return Some(self.finish_quarter(q, k));
                }
                if let Keyword::Ordinal(c) = self.keyword(i) {
                    if self.keyword(i + 1) == Keyword::Unit(Unit::Century, false) && c >= 1 {
                        return Some((i + 2, Value::Century(c as i32 - 1)));
                    }
                }
                if self.keyword(i) == Keyword::Fiscal {
                    if let Some(y) = self.year_at(i + 1) {
                        return Some((i + 2, Value::Year(y)));
                    }
                }
                None
            }
            Keyword::Holiday(h) => self.at_holiday(i, h),
            Keyword::New => self.at_new_year(i),
            Keyword::QuarterPrefix => self.at_quarter_code(i),
            Keyword::HalfPrefix => self.at_half_code(i),
            Keyword::FiscalYearPrefix => self.at_fiscal_year_code(i),
            Keyword::Unit(Unit::Year, false) => self.at_year_compound(i),
            _ => None,
        }
    }

    /// "year-end", "year end", "year's end": the anchor year. "year-ago", "year-earlier" (with
    /// "quarter" or "period"): the last quarter named a year back, else the previous year.
    pub(super) fn at_year_compound(&self, i: usize) -> Found {
        if self.is_word(i + 1, "end")
            || (self.is_punct(i + 1, b'-') && self.is_word(i + 2, "end"))
            || (self.is_punct(i + 1, b'\'')
                && self.is_word(i + 2, "s")
                && self.is_word(i + 3, "end"))
        {
            let a = self.anchor?;
            let e = if self.is_word(i + 1, "end") {
                i + 2
            } else if self.is_word(i + 2, "end") {
                i + 3
            } else {
                i + 4
            };
            return Some((e, Value::Year(a.year)));
        }
        if !self.is_punct(i + 1, b'-') {
            return None;
        }
        // year-ago / year-earlier
        if matches!(self.keyword(i + 2), Keyword::Ago | Keyword::Earlier) {
            let mut j = i + 3;
            if let Some((q, k)) = self.quarter_words(j) {
                let y = self
                    .last_quarter
                    .map(|x| x.0)
                    .or_else(|| self.anchor.map(|a| a.year))?;
                return Some((k, Value::QuarterAgo(y - 1, q)));
            }
            if self.keyword(j) == Keyword::Unit(Unit::Quarter, false) || self.is_word(j, "period") {
                j += 1;
            }
            return Some((j, self.year_ago_val(i)));
        }
        None
    }

    /// "that year", "that (same) day", "that month", "that week", "that quarter".
    pub(super) fn at_that(&self, i: usize) -> Found {
        // Anaphora: "that year", "that (same) day", "that month", "that week" refer to
        // the date last named; without one there is nothing to resolve.
        let j = if self.keyword(i + 1) == Keyword::Same {
            i + 2
        } else {
            i + 1
        };
        match self.keyword(j) {
            Keyword::Unit(Unit::Year, false) => {
                self.last_explicit_year.map(|y| (j + 1, Value::Year(y)))
            }
            Keyword::Day => self.last_any_day.map(|d| (j + 1, Value::Day(d))),
            Keyword::Unit(Unit::Month, false) => self
                .last_explicit_month
                .map(|(y, m)| (j + 1, Value::Month(y, m))),
            Keyword::Unit(Unit::Week, false) => self.last_any_day.map(|d| (j + 1, week_of(d))),
            Keyword::Unit(Unit::Quarter, false) => self
                .last_quarter
                .map(|(y, q)| (j + 1, Value::Quarter(y, q))),
            _ => None,
        }
    }

    /// "yesterday", "tomorrow", "tonight" (with an optional part of day): a day next to the anchor.
    pub(super) fn at_neighbour_day(&self, i: usize, kw: Keyword) -> Found {
        let off = match kw {
            Keyword::Yesterday => -1,
            Keyword::Tomorrow => 1,
            _ => 0,
        };
        let mut j = i + 1;
        let mut part = if kw == Keyword::Tonight {
            Some("NI")
        } else {
            None
        };
        if let Keyword::PartOfDay(p) = self.keyword(j) {
            part = Some(p);
            j += 1;
        }
        Some((
            j,
            match (self.anchor, part) {
                (Some(a), Some(p)) => Value::DayTime(a.add_days(off), p.to_string()),
                (Some(a), None) => Value::Day(a.add_days(off)),
                (None, _) => Value::Raw("XXXX-XX-XX".into()),
            },
        ))
    }

    /// "today", "today's", "today morning": the anchor day.
    pub(super) fn at_today(&self, i: usize) -> Found {
        let a = self.anchor;
        let mut j = i + 1;
        // "today's" is still today.
        if let Some(Keyword::PartOfDay(p)) = Some(self.keyword(j)) {
            if let Some(a) = a {
                return Some((j + 1, Value::DayTime(a, p.to_string())));
            }
        }
        if self.is_possessive(j) {
            j += 2;
        }
        Some((j, a.map_or(Value::Raw("XXXX-XX-XX".into()), Value::Day)))
    }

    pub(super) fn at_weekday(&self, i: usize, wd: u32) -> Found {
        if !self.tokens[i].capitalized || self.is_title_part(i) {
            return None;
        }
        // "every Friday" is a set, not a date.
        if i > 0 && (self.is_word(i - 1, "every") || self.is_word(i - 1, "each")) {
            return None;
        }
        // Named days: "Good Friday", "Black Friday", "Cyber Monday"; "Super Tuesday" varies.
        if i > 0 && self.tokens[i - 1].capitalized {
            let named = |y: i32| -> Option<CivilDate> {
                match (self.word(i - 1), wd) {
                    ("Good", 4) => easter(y).map(|d| d.add_days(-2)),
                    ("Black", 4) => nth_weekday(y, 11, 3, 4).map(|d| d.add_days(1)),
                    ("Cyber", 0) => nth_weekday(y, 11, 3, 4).map(|d| d.add_days(4)),
                    _ => None,
                }
            };
            if self.is_word(i - 1, "Super") {
                return None;
            }
            if let Some(a) = self.anchor {
                let t = self.tense(i, i + 1);
                if let Some((_, d)) = nearest_occurrence(a, t, named) {
                    return Some((i + 1, Value::Day(d)));
                }
            } else if let Some(d) = self.last_year.and_then(named) {
                return Some((i + 1, Value::Day(d)));
            }
        }
        let mut j = i + 1;
        // Weekday, Month Day[, Year]
        let mut k = j;
        if self.is_punct(k, b',') {
            k += 1;
        }
        if let Keyword::Month(_) = self.keyword(k) {
            if let Some((e, v)) = self.at_word(k) {
                if matches!(v, Value::Day(_)) || matches!(v, Value::Raw(ref s) if s.len() == 10) {
                    return Some((e, v));
                }
            }
        }
        // Weekday Day Month
        if let Some((_, nd)) = self.number(k) {
            if nd <= 2 {
                if let Some((e, v)) = self.at_number(k) {
                    if matches!(v, Value::Day(_)) {
                        return Some((e, v));
                    }
                }
            }
        }
        // "Friday's" – possessive
        let mut part = None;
        if let Keyword::PartOfDay(p) = self.keyword(j) {
            part = Some(p);
            j += 1;
        }
        let Some(a) = self.anchor else {
            let v = format!("XXXX-WXX-{}", wd + 1);
            return Some((j, Value::Raw(v)));
        };
        let possessive = self.is_possessive(j);
        let mut tense = if possessive {
            Tense::Past
        } else {
            self.tense(i, j)
        };
        // "last Friday" / "next Friday" / "this Friday" modifiers are handled by callers.
        if i > 0 {
            match self.keyword(i - 1) {
                Keyword::Last | Keyword::Previous | Keyword::Past => tense = Tense::Past,
                Keyword::Next | Keyword::Coming => tense = Tense::Future,
                _ => {}
            }
        }
        let aw = a.weekday() as i64;
        let w = wd as i64;
        let back = (aw - w).rem_euclid(7);
        let fwd = (w - aw).rem_euclid(7);
        let d = match tense {
            Tense::Future => a.add_days(fwd),
            Tense::Past => a.add_days(-back),
            Tense::Unknown if fwd < back && fwd <= 1 => a.add_days(fwd),
            Tense::Unknown => a.add_days(-back),
        };
        let d = if i > 0 && self.keyword(i - 1) == Keyword::Next && fwd == 0 {
            d.add_days(7)
        } else if i > 0 && self.keyword(i - 1) == Keyword::Last && back == 0 {
            d.add_days(-7)
        } else {
            d
        };
        Some((
            j,
            match part {
                Some(p) => Value::DayTime(d, p.to_string()),
                None => Value::Day(d),
            },
        ))
    }

    /// "two years ago", "a week ago", "several years ago", "a year earlier".
    pub(super) fn at_ago(&self, i: usize) -> Found {
        // Spoken year "nineteen ninety-six".
        if let Some((e, y)) = self.spoken_year(i) {
            return Some((e, Value::Year(y)));
        }
        let (mut j, n, vague) = if self.keyword(i) == Keyword::Few {
            (i + 1, 0, true)
        } else if self.keyword(i) == Keyword::A && self.keyword(i + 1) == Keyword::Few {
            (i + 2, 0, true)
        } else {
            let (j, n) = self.cardinal(i)?;
            (j, n, false)
        };
        // "a year or two ago"
        let Keyword::Unit(u, _) = self.keyword(j) else {
            if self.keyword(j) == Keyword::Day
                && matches!(
                    self.keyword(j + 1),
                    Keyword::Ago | Keyword::Earlier | Keyword::Before
                )
            {
                return self.ago_value(i, j + 2, Unit::Day, n, vague);
            }
            return None;
        };
        j += 1;
        if self.keyword(j) == Keyword::Ago || self.keyword(j) == Keyword::Earlier {
            return self.ago_value(i, j + 1, u, n, vague);
        }
        // "a week or so ago"
        if self.is_word(j, "or") && self.is_word(j + 1, "so") && self.keyword(j + 2) == Keyword::Ago
        {
            return self.ago_value(i, j + 3, u, n, vague);
        }
        None
    }

    pub(super) fn ago_value(&self, i: usize, e: usize, u: Unit, n: u32, vague: bool) -> Found {
        if vague {
            return Some((e, Value::Raw("PAST_REF".into())));
        }
        if n == 0 || n > 1000 {
            return None;
        }
        let n = n as i32;
        if u == Unit::Year && n == 1 && self.keyword(i) == Keyword::A {
            return Some((e, self.year_ago_val(i)));
        }
        let Some(a) = self.anchor else {
            return Some((e, Value::Raw("PAST_REF".into())));
        };
        let v = match u {
            Unit::Day => Value::Day(a.add_days(-i64::from(n))),
            Unit::Week => week_of(a.add_days(-7 * i64::from(n))),
            Unit::Month => {
                let (y, m) = month_shift(a.year, a.month, -n);
                Value::Month(y, m)
            }
            Unit::Year => Value::Year(a.year - n),
            Unit::Quarter => {
                let (y, q) = quarter_shift(a.year, quarter_of(a.month), -n);
                Value::Quarter(y, q)
            }
            Unit::Decade => Value::Year(a.year - 10 * n),
            Unit::Century => Value::Year(a.year - 100 * n),
            _ => return None,
        };
        Some((e, v))
    }
}
