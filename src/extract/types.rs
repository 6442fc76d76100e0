//! Plain data shared by the extractors: mentions found in an article's text, and a civil date.
//!
//! All offsets here are **byte** offsets into the article text (always on `char` boundaries);
//! the output layer converts them to character offsets for the JSON contracts.

use serde::Serialize;

/// What kind of actor a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A person.
    Person,
    /// A company, agency, party, newspaper, government body...
    Organization,
    /// A country, city, region (also used for governments named by their country).
    Place,
}

impl ActorKind {
    /// The lowercase name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Place => "place",
        }
    }
}

/// One mention of an actor, with the canonical name of the entity it refers to within the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorMention {
    /// Byte offset of the first byte of the mention.
    pub start: usize,
    /// Byte offset one past the mention.
    pub end: usize,
    /// Canonical name: "Vladimir Putin" for a mention "Putin", "United States" for "U.S.".
    pub name: String,
    /// Person, organization or place.
    pub kind: ActorKind,
}

/// One date expression, normalized to a TIMEX3-style value (`2021-03-16`, `2021-03`, `2021`,
/// `2021-W11`, `2020-Q4`, `2020-SU`, or a partial value like `XXXX-01-07` when unresolved).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset of the first byte of the expression.
    pub start: usize,
    /// Byte offset one past the expression.
    pub end: usize,
    /// The normalized value.
    pub value: String,
}

/// One direct quotation and, where found, who said it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteMention {
    /// Byte offset of the first byte of the quoted words (inside the quotation marks).
    pub start: usize,
    /// Byte offset one past the quoted words (before the closing mark).
    pub end: usize,
    /// Canonical name of the speaker ("William Barr", "the foreign ministry"), if attributed to
    /// someone the text names; `None` when the text only describes the speaker ("a spokesman").
    pub speaker: Option<String>,
    /// Byte range of the speaker's mention in the text, if attributed: the name, or the words
    /// that describe an unnamed speaker (then `speaker` is `None`).
    pub speaker_span: Option<(usize, usize)>,
}

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    /// Year, e.g. 2021.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of month, 1..=31.
    pub day: u32,
}

impl CivilDate {
    /// A date if `year-month-day` exists in the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<CivilDate> {
        if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
            Some(CivilDate { year, month, day })
        } else {
            None
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil algorithm.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> CivilDate {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        CivilDate { year, month, day }
    }

    /// This date moved by `days` (may be negative).
    pub fn add_days(self, days: i64) -> CivilDate {
        CivilDate::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Day of the week, 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.days_since_epoch() + 3).rem_euclid(7)) as u32
    }

    /// ISO 8601 week-numbering year and week (1..=53).
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(3 - i64::from(self.weekday()));
        let jan1 = CivilDate {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = (thursday.days_since_epoch() - jan1.days_since_epoch()) / 7 + 1;
        (thursday.year, week as u32)
    }

    /// Parses `YYYY-MM-DD` (extra characters after the day, like a time, are ignored).
    pub fn parse_iso(s: &str) -> Option<CivilDate> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = s.get(0..4)?.parse().ok()?;
        let month = s.get(5..7)?.parse().ok()?;
        let day = s.get(8..10)?.parse().ok()?;
        CivilDate::new(year, month, day)
    }
}

impl std::fmt::Display for CivilDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Number of days in `month` of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_round_trip_and_weekday() {
        let d = CivilDate::new(2021, 3, 16).unwrap();
        assert_eq!(CivilDate::from_days_since_epoch(d.days_since_epoch()), d);
        assert_eq!(d.weekday(), 1); // a Tuesday
        assert_eq!(d.iso_week(), (2021, 11));
        assert_eq!(CivilDate::new(2021, 1, 1).unwrap().iso_week(), (2020, 53));
        assert_eq!(d.add_days(-74).to_string(), "2021-01-01");
        assert_eq!(d.add_days(-75).to_string(), "2020-12-31");
        assert_eq!(CivilDate::new(2021, 2, 29), None);
        assert_eq!(
            CivilDate::parse_iso("2020-02-29T10:00:00Z"),
            CivilDate::new(2020, 2, 29)
        );
    }
}
