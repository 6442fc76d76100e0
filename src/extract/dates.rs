//! Dates, first version: ISO dates, "Month D, YYYY", "D Month YYYY", "Month YYYY", "Month D"
//! (resolved against the article date) and bare years.

use super::types::{CivilDate, DateMention};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Date expressions in `text` with their ISO values.
pub fn tag(text: &str, anchor: Option<CivilDate>) -> Vec<DateMention> {
    let toks: Vec<(usize, &str)> = text
        .split_inclusive(|c: char| c.is_whitespace())
        .scan(0usize, |p, s| {
            let st = *p;
            *p += s.len();
            Some((
                st,
                s.trim_end()
                    .trim_end_matches([',', '.', ';', ':', ')', '"', '”']),
            ))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    let num = |s: &str| s.parse::<u32>().ok();
    let year = |s: &str| num(s).filter(|y| (1800..=2100).contains(y) && s.len() == 4);
    while i < toks.len() {
        let (st, w) = toks[i];
        let next = toks.get(i + 1).map(|t| t.1);
        let next2 = toks.get(i + 2).map(|t| t.1);
        let end_of = |k: usize| toks[k].0 + toks[k].1.len();
        if let Some(m) = MONTHS.iter().position(|m| *m == w).map(|m| m as u32 + 1) {
            let day = next.and_then(num).filter(|d| (1..=31).contains(d));
            match (day, next2.and_then(year), next.and_then(year)) {
                (Some(d), Some(y), _) => {
                    out.push(DateMention {
                        start: st,
                        end: end_of(i + 2),
                        value: format!("{y:04}-{m:02}-{d:02}"),
                    });
                    i += 3;
                    continue;
                }
                (Some(d), None, _) => {
                    let value = match anchor {
                        Some(a) => {
                            let y = if (m, d) > (a.month, a.day) {
                                a.year - 1
                            } else {
                                a.year
                            };
                            format!("{y:04}-{m:02}-{d:02}")
                        }
                        None => format!("XXXX-{m:02}-{d:02}"),
                    };
                    out.push(DateMention {
                        start: st,
                        end: end_of(i + 1),
                        value,
                    });
                    i += 2;
                    continue;
                }
                (None, _, Some(y)) => {
                    out.push(DateMention {
                        start: st,
                        end: end_of(i + 1),
                        value: format!("{y:04}-{m:02}"),
                    });
                    i += 2;
                    continue;
                }
                _ => {}
            }
        } else if let Some(d) = CivilDate::parse_iso(w).filter(|_| w.len() == 10) {
            out.push(DateMention {
                start: st,
                end: st + 10,
                value: d.to_string(),
            });
        } else if let Some(y) = year(w) {
            out.push(DateMention {
                start: st,
                end: st + 4,
                value: format!("{y:04}"),
            });
        }
        i += 1;
    }
    out
}

/// The first and last day a resolved value covers (`2021`, `2021-03`, `2021-03-16`); `None` for
/// partial values.
pub fn value_range(value: &str) -> Option<(CivilDate, CivilDate)> {
    let parts: Vec<&str> = value.split('-').collect();
    let y: i32 = parts
        .first()?
        .parse()
        .ok()
        .filter(|_| parts[0].len() == 4)?;
    match parts.len() {
        1 => Some((CivilDate::new(y, 1, 1)?, CivilDate::new(y, 12, 31)?)),
        2 => {
            let m: u32 = parts[1].parse().ok()?;
            Some((
                CivilDate::new(y, m, 1)?,
                CivilDate::new(y, m, super::types::days_in_month(y, m))?,
            ))
        }
        _ => CivilDate::parse_iso(value).map(|d| (d, d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_against_anchor() {
        let a = CivilDate::new(2021, 3, 17);
        let t = "on January 7, and in December 2019, and March 16, 2021, since 2014.";
        let v: Vec<String> = tag(t, a).into_iter().map(|d| d.value).collect();
        assert_eq!(v, ["2021-01-07", "2019-12", "2021-03-16", "2014"]);
    }
}
