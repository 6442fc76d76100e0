//! TIMEX3 values and their arithmetic: the [`Value`] a match resolves to and its rendering,
//! ISO weeks, month, quarter and season steps, and [`value_range`], the calendar interval a
//! rendered value covers.
//!
//! In: dates, years, quarters and offsets (or a rendered value). Out: values (or a first and
//! last day).

use crate::extract::types::{days_in_month, CivilDate};

#[derive(Clone, Debug)]
pub(super) enum Value {
    Day(CivilDate),
    /// A day with a part of day (`MO`) or a clock time (`T10:30`).
    DayTime(CivilDate, String),
    Month(i32, u32),
    Year(i32),
    Decade(i32),
    Century(i32),
    Week(i32, u32),
    Weekend(i32, u32),
    Quarter(i32, u32),
    /// A quarter reached back from another ("a year earlier"): not a new reference.
    QuarterAgo(i32, u32),
    Half(i32, u32),
    Season(i32, &'static str),
    /// Anything already formatted (references, partial values).
    Raw(String),
}

impl Value {
    pub(super) fn render(&self) -> String {
        match self {
            Value::Day(d) => d.to_string(),
            Value::DayTime(d, t) => format!("{d}T{t}"),
            Value::Month(y, m) => format!("{y:04}-{m:02}"),
            Value::Year(y) => format!("{y:04}"),
            Value::Decade(d) => format!("{d:03}"),
            Value::Century(c) => format!("{c:02}"),
            Value::Week(y, w) => format!("{y:04}-W{w:02}"),
            Value::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Value::Quarter(y, q) | Value::QuarterAgo(y, q) => format!("{y:04}-Q{q}"),
            Value::Half(y, h) => format!("{y:04}-H{h}"),
            Value::Season(y, s) => format!("{y:04}-{s}"),
            Value::Raw(s) => s.clone(),
        }
    }
}

/// The calendar interval a value covers, first and last day inclusive. `None` for partial or
/// unresolved values (containing `X`) and for non-dates (`PRESENT_REF` etc.).
pub fn value_range(value: &str) -> Option<(CivilDate, CivilDate)> {
    let v = value.trim();
    if v.contains('X') || v.is_empty() {
        return None;
    }
    // A time value is reduced to its day.
    let v = match v.find('T') {
        Some(p) if p >= 10 => &v[..p],
        _ => v,
    };
    let b = v.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let num = |s: &str| s.parse::<i32>().ok();
    match b.len() {
        2 if digits(b) => {
            let c = num(v)?;
            Some((ymd(c * 100, 1, 1)?, ymd(c * 100 + 99, 12, 31)?))
        }
        3 if digits(b) => {
            let d = num(v)?;
            Some((ymd(d * 10, 1, 1)?, ymd(d * 10 + 9, 12, 31)?))
        }
        4 if digits(b) => {
            let y = num(v)?;
            Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
        }
        _ => {
            if b.len() < 7 || !digits(&b[..4]) || b[4] != b'-' {
                return None;
            }
            let y = num(&v[..4])?;
            let rest = &v[5..];
            let rb = rest.as_bytes();
            if rb.len() == 2 && digits(rb) {
                let m = rest.parse::<u32>().ok()?;
                return Some((ymd(y, m, 1)?, ymd(y, m, days_in_month(y, m))?));
            }
            if rb.len() == 5 && digits(&rb[..2]) && rb[2] == b'-' && digits(&rb[3..]) {
                let d = CivilDate::parse_iso(v)?;
                return Some((d, d));
            }
            if rb.len() >= 2 && rb[0] == b'Q' && digits(&rb[1..]) {
                let q = rest[1..].parse::<u32>().ok()?;
                if !(1..=4).contains(&q) {
                    return None;
                }
                let m = (q - 1) * 3 + 1;
                return Some((ymd(y, m, 1)?, ymd(y, m + 2, days_in_month(y, m + 2))?));
            }
            if rb.len() == 2 && rb[0] == b'H' && (rb[1] == b'1' || rb[1] == b'2') {
                return if rb[1] == b'1' {
                    Some((ymd(y, 1, 1)?, ymd(y, 6, 30)?))
                } else {
                    Some((ymd(y, 7, 1)?, ymd(y, 12, 31)?))
                };
            }
            if rb.len() >= 3 && rb[0] == b'W' && digits(&rb[1..3]) {
                let w = rest[1..3].parse::<u32>().ok()?;
                let monday = iso_week_monday(y, w)?;
                return match &rest[3..] {
                    "" => Some((monday, monday.add_days(6))),
                    "-WE" => Some((monday.add_days(5), monday.add_days(6))),
                    _ => None,
                };
            }
            match rest {
                "SP" => Some((ymd(y, 3, 1)?, ymd(y, 5, 31)?)),
                "SU" => Some((ymd(y, 6, 1)?, ymd(y, 8, 31)?)),
                "FA" => Some((ymd(y, 9, 1)?, ymd(y, 11, 30)?)),
                "WI" => Some((ymd(y, 12, 1)?, ymd(y + 1, 2, days_in_month(y + 1, 2))?)),
                _ => None,
            }
        }
    }
}

pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<CivilDate> {
    CivilDate::new(y, m, d)
}

/// Monday of ISO week `w` of ISO year `y`.
pub(super) fn iso_week_monday(y: i32, w: u32) -> Option<CivilDate> {
    let jan4 = ymd(y, 1, 4)?;
    let last = ymd(y, 12, 28)?.iso_week().1;
    if w == 0 || w > last {
        return None;
    }
    let week1 = jan4.add_days(-i64::from(jan4.weekday()));
    Some(week1.add_days(7 * i64::from(w - 1)))
}

pub(super) fn week_of(d: CivilDate) -> Value {
    let (y, w) = d.iso_week();
    Value::Week(y, w)
}

pub(super) fn weekend_of(d: CivilDate) -> Value {
    let (y, w) = d.iso_week();
    Value::Weekend(y, w)
}

pub(super) fn month_shift(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

pub(super) fn quarter_shift(y: i32, q: u32, delta: i32) -> (i32, u32) {
    let idx = y * 4 + (q as i32 - 1) + delta;
    (idx.div_euclid(4), (idx.rem_euclid(4) + 1) as u32)
}

pub(super) fn quarter_of(m: u32) -> u32 {
    (m - 1) / 3 + 1
}

/// Season index in calendar order of its start (SP=0, SU=1, FA=2, WI=3) and of a month.
pub(super) fn season_index(s: &str) -> i32 {
    match s {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

pub(super) fn season_of_month(m: u32) -> (i32, i32) {
    // (season index, year offset of the season's "year" relative to the month's year)
    match m {
        3..=5 => (0, 0),
        6..=8 => (1, 0),
        9..=11 => (2, 0),
        12 => (3, 0),
        _ => (3, -1),
    }
}
