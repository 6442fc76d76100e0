//! `timeline`: matching articles and passages per day, week, month or year, for one or more
//! queries side by side.
//!
//! In: the matching passages of each query. Out: one [`Point`] per query and period, every period
//! from the first to the last match of any query (empty ones as zero). Periods come from the
//! article date, or with the mentions axis from the dates the passages mention: a mention counts
//! in the period that holds its first day, and only when the period is as coarse as the mention
//! or coarser (a month named alone never lands on a day or a week).

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::Searcher;

use super::{ArticleKeys, SegmentDocs};
use crate::error::Result;
use crate::extract::types::CivilDate;
use crate::index::{self, Store, ARTICLE_FIELD, DATES_FIELD, DATE_FIELD};

/// Length of a period, finest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    /// A day.
    Day,
    /// An ISO week, from Monday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl Period {
    /// The first day of the period holding `d`.
    pub fn start(self, d: CivilDate) -> CivilDate {
        match self {
            Period::Day => d,
            Period::Week => {
                // 1970-01-01 was a Thursday: days since a Monday are (days + 3) mod 7.
                let days = d.days_since_epoch();
                d.add_days(-((days + 3).rem_euclid(7)))
            }
            Period::Month => CivilDate::new(d.year, d.month, 1).unwrap_or(d),
            Period::Year => CivilDate::new(d.year, 1, 1).unwrap_or(d),
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: CivilDate) -> CivilDate {
        match self {
            Period::Day => start.add_days(1),
            Period::Week => start.add_days(7),
            Period::Month => {
                let (y, m) = if start.month == 12 {
                    (start.year + 1, 1)
                } else {
                    (start.year, start.month + 1)
                };
                CivilDate::new(y, m, 1).unwrap_or(start)
            }
            Period::Year => CivilDate::new(start.year + 1, 1, 1).unwrap_or(start),
        }
    }

    /// How a period is labelled in text output (`2020-10-05`, `2020-W41`, `2020-10`, `2020`).
    pub fn label(self, start: CivilDate) -> String {
        match self {
            Period::Day | Period::Week => start.to_string(),
            Period::Month => format!("{:04}-{:02}", start.year, start.month),
            Period::Year => format!("{:04}", start.year),
        }
    }
}

/// The keys of [`Point`], in order (CSV columns).
pub const COLUMNS: &[&str] = &["query", "period", "articles", "passages"];

/// One query's counts in one period: the `timeline --format json` contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Point {
    /// The query of the series.
    pub query: String,
    /// ISO first day of the period.
    pub period: String,
    /// Matching articles (clusters of copies count once unless all copies).
    pub articles: u64,
    /// Matching passages.
    pub passages: u64,
}

/// What a chart of the timeline draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Matching articles (or clusters).
    Articles,
    /// Matching passages.
    Passages,
}

impl Measure {
    /// The measure of one point.
    pub fn of(self, p: &Point) -> u64 {
        match self {
            Measure::Articles => p.articles,
            Measure::Passages => p.passages,
        }
    }

    /// Its name, for axis labels.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Articles => "articles",
            Measure::Passages => "passages",
        }
    }
}

/// Counts of one series, by period start: matching passages and matching articles (or clusters).
/// A local series is counted here; a series through Quickwit comes from its aggregations.
pub type Series = BTreeMap<CivilDate, (u64, u64)>;

/// Counts one query's matching passages by period.
pub fn series(
    store: &Store,
    searcher: &Searcher,
    docs: &[SegmentDocs],
    by: Period,
    mentions_axis: bool,
    keys: &ArticleKeys,
) -> Result<Series> {
    let err = |e: tantivy::TantivyError| index::damaged(&store.dir, e);
    let mut out: BTreeMap<CivilDate, (u64, super::KeySet)> = BTreeMap::new();
    let mut periods: Vec<CivilDate> = Vec::new();
    for seg in docs {
        let fast = searcher.segment_reader(seg.segment).fast_fields();
        let articles = fast.u64(ARTICLE_FIELD).map_err(err)?;
        let dates = fast.date(DATE_FIELD).map_err(err)?;
        let mentioned = if mentions_axis {
            fast.str(DATES_FIELD).map_err(err)?
        } else {
            None
        };
        // Mentioned value ordinal → the period it counts in, for the ordinals used (their terms
        // read from the dictionary in one pass).
        let period_of = match &mentioned {
            Some(col) => {
                super::per_ordinal(store, col, &seg.docs, |value| mention_period(value, by))?
            }
            None => Vec::new(),
        };
        for &doc in &seg.docs {
            let key = keys.key(articles.first(doc).unwrap_or_default());
            periods.clear();
            if mentions_axis {
                let Some(col) = &mentioned else { continue };
                periods.extend(col.term_ords(doc).filter_map(|o| period_of[o as usize]));
                periods.sort_unstable();
                periods.dedup();
            } else if let Some(d) = dates.first(doc) {
                periods.push(by.start(index::from_datetime(d)));
            }
            for p in &periods {
                let e = out.entry(*p).or_default();
                e.0 += 1;
                e.1.insert(key);
            }
        }
    }
    Ok(out
        .into_iter()
        .map(|(p, (passages, keys))| (p, (passages, keys.len() as u64)))
        .collect())
}

/// Lays the series side by side over every period from the first to the last of any, empty
/// periods as zero; points ordered by period, then by series.
pub fn points(queries: &[String], series: &[Series], by: Period) -> Vec<Point> {
    let first = series.iter().filter_map(|s| s.keys().next()).min();
    let last = series.iter().filter_map(|s| s.keys().next_back()).max();
    let (Some(&first), Some(&last)) = (first, last) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut p = first;
    while p <= last {
        for (q, s) in queries.iter().zip(series) {
            let (passages, articles) = s.get(&p).copied().unwrap_or((0, 0));
            out.push(Point {
                query: q.clone(),
                period: p.to_string(),
                articles,
                passages,
            });
        }
        let next = by.next(p);
        if next <= p {
            break;
        }
        p = next;
    }
    out
}

/// The start of the `by` period a mentioned date value counts in: the period holding its first
/// day, when `by` is as coarse as the mention or coarser; None otherwise.
pub fn mention_period(value: &str, by: Period) -> Option<CivilDate> {
    mention_start(value)
        .filter(|(_, grain)| by >= *grain)
        .map(|(first, _)| by.start(first))
}

/// The first day and the granularity of a mentioned date value (`2020-10-05`, `2020-W41`,
/// `2020-10`, `2020-Q4`, `2020`...); None for values without a calendar place (`PRESENT_REF`,
/// `XXXX-10`).
pub fn mention_start(value: &str) -> Option<(CivilDate, Period)> {
    let (first, last) = crate::extract::dates::value_range(value)?;
    let days = last.days_since_epoch() - first.days_since_epoch() + 1;
    let grain = match days {
        1 => Period::Day,
        2..=7 => Period::Week,
        8..=31 => Period::Month,
        32..=366 => Period::Year,
        // A decade or a century is coarser than any period: it lands nowhere.
        _ => return None,
    };
    Some((first, grain))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> CivilDate {
        crate::search::parse_period(s, false).unwrap()
    }

    #[test]
    fn period_starts() {
        // 2020-10-07 is a Wednesday; its week starts on Monday the 5th.
        assert_eq!(Period::Week.start(d("2020-10-07")), d("2020-10-05"));
        assert_eq!(Period::Week.start(d("2020-10-05")), d("2020-10-05"));
        assert_eq!(Period::Week.start(d("2020-10-04")), d("2020-09-28"));
        assert_eq!(Period::Month.start(d("2020-10-07")), d("2020-10"));
        assert_eq!(Period::Year.start(d("2020-10-07")), d("2020"));
        assert_eq!(Period::Month.next(d("2020-12")), d("2021-01"));
    }

    #[test]
    fn mentions_count_at_their_own_granularity_or_coarser() {
        assert_eq!(
            mention_start("2020-10-05"),
            Some((d("2020-10-05"), Period::Day))
        );
        assert_eq!(
            mention_start("2020-10"),
            Some((d("2020-10"), Period::Month))
        );
        assert_eq!(mention_start("2020").map(|m| m.1), Some(Period::Year));
        assert_eq!(mention_start("2020-Q4").map(|m| m.1), Some(Period::Year));
        assert_eq!(mention_start("2020-W41").map(|m| m.1), Some(Period::Week));
        assert_eq!(mention_start("PRESENT_REF"), None);
    }

    #[test]
    fn empty_periods_are_zero() {
        let mut s = Series::new();
        s.insert(d("2020-01"), (2, 1));
        s.insert(d("2020-03"), (1, 1));
        let pts = points(&["q".to_string()], &[s], Period::Month);
        let got: Vec<(&str, u64)> = pts
            .iter()
            .map(|p| (p.period.as_str(), p.articles))
            .collect();
        assert_eq!(
            got,
            [("2020-01-01", 1), ("2020-02-01", 0), ("2020-03-01", 1)]
        );
    }
}
