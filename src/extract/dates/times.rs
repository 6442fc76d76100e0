//! Times of day: clock times ("10:30 a.m. EST Friday", "2021-03-16T10:30"), "noon", "midday",
//! "mid-afternoon", each with the day it belongs to.
//!
//! In: the token index of a number or a time word. Out: a match whose value carries the time.

use super::keywords::Keyword;
use super::scanner::{Found, Tagger};
use super::tokens::{Lower, TokenKind};
use super::value::Value;

impl<'a> Tagger<'a> {
    /// "at noon", "by midday", "noon Saturday", "by mid-afternoon", "midmorning": a time of
    /// the reference day. Only after a time preposition (or with a day word following), so
    /// "the noon news" or "the middle ground" stay untagged.
    pub(super) fn at_noon(&self, i: usize) -> Found {
        let (part, j) = match Lower::new(self.word(i)).as_str() {
            "noon" | "midday" => ("12:00", i + 1),
            "midmorning" => ("MO", i + 1),
            "midafternoon" => ("AF", i + 1),
            _ => {
                // "mid afternoon", "mid-morning"
                let mut k = i + 1;
                if self.is_punct(k, b'-') && self.tight(k) && self.tight(k + 1) {
                    k += 1;
                }
                match self.keyword(k) {
                    Keyword::PartOfDay(p @ ("MO" | "AF")) => (p, k + 1),
                    _ => return None,
                }
            }
        };
        // "noon Saturday", "noon today"
        if matches!(
            self.keyword(j),
            Keyword::Weekday(_) | Keyword::Today | Keyword::Yesterday | Keyword::Tomorrow
        ) {
            if let Some((e, Value::Day(d))) = self.at_word(j) {
                return Some((e, Value::DayTime(d, part.to_string())));
            }
        }
        let prep = i > 0
            && self.tokens[i - 1].kind == TokenKind::Word
            && matches!(
                Lower::new(self.word(i - 1)).as_str(),
                "at" | "by" | "around" | "until" | "till" | "before" | "after" | "since"
            );
        if !prep {
            return None;
        }
        // "at noon on Jan. 20": that day.
        if self.is_word(j, "on") {
            return match self.at(j + 1) {
                Some((e, Value::Day(d))) => Some((e, Value::DayTime(d, part.to_string()))),
                _ => None,
            };
        }
        // Otherwise the day under discussion: the last day named, else the anchor.
        let d = self.last_any_day.or(self.anchor)?;
        Some((j, Value::DayTime(d, part.to_string())))
    }

    /// Digits of a clock "10:30[:00]" at `i`; returns the index after.
    pub(super) fn skip_clock_digits(&self, i: usize) -> Option<usize> {
        let (_, nd) = self.number(i)?;
        if nd > 2 || !self.is_punct(i + 1, b':') || !self.tight(i + 1) || !self.tight(i + 2) {
            return None;
        }
        let (_, nd2) = self.number(i + 2)?;
        if nd2 != 2 {
            return None;
        }
        let mut j = i + 3;
        if self.is_punct(j, b':') && self.tight(j) && self.number(j + 1).is_some() {
            j += 2;
        }
        Some(j)
    }

    /// "10 p.m.", "10:30 a.m.", "10:30 pm" [EST] [day reference]. Returns a DayTime value.
    pub(super) fn clock(&self, i: usize) -> Found {
        let (h, _) = self.number(i)?;
        if i > 0 && self.tight(i) && self.is_punct(i - 1, b':') {
            // The middle of "11:06:35".
            return None;
        }
        let mut minute = 0;
        let mut j = i + 1;
        let mut has_colon = false;
        if self.is_punct(j, b':') && self.tight(j) && self.tight(j + 1) {
            let (mm, mn) = self.number(j + 1)?;
            if mn != 2 || mm > 59 {
                return None;
            }
            minute = mm;
            has_colon = true;
            j += 2;
            // Seconds.
            if self.is_punct(j, b':')
                && self.tight(j)
                && self.number(j + 1).is_some_and(|n| n.1 == 2)
            {
                j += 2;
            }
        }
        let mut hour = h;
        let mut has_ampm = false;
        // a.m. / p.m. / am / pm
        if self.is_word(j, "a") || self.is_word(j, "p") {
            if self.is_punct(j + 1, b'.') && self.is_word(j + 2, "m") {
                let pm = self.is_word(j, "p");
                has_ampm = true;
                j += 3;
                if self.is_punct(j, b'.') && self.tight(j) {
                    j += 1;
                }
                if pm && hour < 12 {
                    hour += 12;
                } else if !pm && hour == 12 {
                    hour = 0;
                }
            }
        } else if matches!(self.keyword(j), Keyword::Am | Keyword::Pm) {
            let pm = self.keyword(j) == Keyword::Pm;
            has_ampm = true;
            j += 1;
            if pm && hour < 12 {
                hour += 12;
            } else if !pm && hour == 12 {
                hour = 0;
            }
        }
        if !has_ampm && !has_colon {
            return None;
        }
        if hour > 24 || (!has_ampm && h > 23) {
            return None;
        }
        if self.keyword(j) == Keyword::TimeZone {
            j += 1;
        }
        let time = format!("{hour:02}:{minute:02}");
        // Optional day reference after it.
        let mut k = j;
        if self.is_punct(k, b')') {
            k += 1;
        }
        if self.is_punct(k, b'(') {
            // "10:35 a.m. (0735 GMT) Friday"
            if let Some(close) =
                (k + 1..(k + 6).min(self.tokens.len())).find(|&x| self.is_punct(x, b')'))
            {
                if self.day_ref(close + 1).is_some() {
                    k = close + 1;
                }
            }
        }
        if self.is_punct(k, b',') {
            k += 1;
        }
        if self.is_word(k, "on") {
            k += 1;
        }
        if let Some((e, v)) = self.day_ref(k) {
            let v = match v {
                Value::Day(d) => Value::DayTime(d, time),
                Value::DayTime(d, _) => Value::DayTime(d, time),
                other => other,
            };
            return Some((e, v));
        }
        if !has_ampm {
            // Bare "10:30" is too ambiguous (scores, ratios).
            return None;
        }
        Some((
            j,
            match self.anchor {
                Some(a) => Value::DayTime(a, time),
                None => Value::Raw(format!("XXXX-XX-XXT{time}")),
            },
        ))
    }

    /// A day-level reference at `k`: weekday, today/yesterday/tomorrow, or Month Day.
    pub(super) fn day_ref(&self, k: usize) -> Found {
        match self.keyword(k) {
            Keyword::Weekday(_)
            | Keyword::Today
            | Keyword::Yesterday
            | Keyword::Tomorrow
            | Keyword::Tonight => self.at_word(k),
            Keyword::Month(_) => {
                let f = self.at_word(k)?;
                matches!(f.1, Value::Day(_) | Value::Raw(_)).then_some(f)
            }
            _ => None,
        }
    }
}
