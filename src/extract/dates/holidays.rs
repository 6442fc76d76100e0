//! Holidays and their dates (data and calendar rules): fixed days, "the fourth Thursday of
//! November", Easter by the Gregorian computus.
//!
//! In: a holiday and a year. Out: its date.

use super::value::ymd;
use crate::extract::types::{days_in_month, CivilDate};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Holiday {
    Christmas,
    Thanksgiving,
    Halloween,
    Easter,
    Election,
    Independence,
    Labor,
    Memorial,
    Valentine,
}

/// The `n`-th (1-based) weekday `wd` of a month, or the last one when `n == 0`.
pub(super) fn nth_weekday(y: i32, m: u32, wd: u32, n: u32) -> Option<CivilDate> {
    if n == 0 {
        let last = ymd(y, m, days_in_month(y, m))?;
        let back = (last.weekday() + 7 - wd) % 7;
        return Some(last.add_days(-i64::from(back)));
    }
    let first = ymd(y, m, 1)?;
    let fwd = (wd + 7 - first.weekday()) % 7;
    let d = first.add_days(i64::from(fwd) + 7 * i64::from(n - 1));
    (d.month == m).then_some(d)
}

/// Easter Sunday (Gregorian computus).
pub(super) fn easter(y: i32) -> Option<CivilDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(y, month as u32, day as u32)
}

pub(super) fn holiday_date(h: Holiday, eve: bool, y: i32) -> Option<CivilDate> {
    let d = match h {
        Holiday::Christmas => ymd(y, 12, 25),
        Holiday::Thanksgiving => nth_weekday(y, 11, 3, 4),
        Holiday::Halloween => ymd(y, 10, 31),
        Holiday::Easter => easter(y),
        Holiday::Election => nth_weekday(y, 11, 0, 1).map(|d| d.add_days(1)),
        Holiday::Independence => ymd(y, 7, 4),
        Holiday::Labor => nth_weekday(y, 9, 0, 1),
        Holiday::Memorial => nth_weekday(y, 5, 0, 0),
        Holiday::Valentine => ymd(y, 2, 14),
    }?;
    Some(if eve { d.add_days(-1) } else { d })
}
