//! Text printers of the analysis views, for people: aligned tables with bars (facets), a bar
//! chart per period (timeline), quotations (quotes) and clusters (dupes). Indexed text passes
//! through [`super::neutralize`].

use std::io::{self, Write};

use super::neutralize;
use crate::analysis::dupes::DupeRow;
use crate::analysis::facets::Facet;
use crate::analysis::quotes::QuoteRow;
use crate::analysis::timeline::{Measure, Point};

const BAR_WIDTH: usize = 30;

/// A bar of `n` out of `max`, `width` cells wide at most, in eighths of a cell.
fn bar(n: u64, max: u64, width: usize) -> String {
    if max == 0 || n == 0 {
        return String::new();
    }
    let eighths = ((n as f64 / max as f64) * (width * 8) as f64)
        .round()
        .max(1.0) as usize;
    let mut s = "█".repeat(eighths / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    s.push_str(PARTS[eighths % 8]);
    s
}

/// Width in characters (for alignment).
fn width(s: &str) -> usize {
    s.chars().count()
}

/// `facets`: value, articles, passages, share, bar.
pub fn facets<W: Write + ?Sized>(
    out: &mut W,
    rows: &[Facet],
    total_articles: u64,
) -> io::Result<()> {
    let names: Vec<String> = rows
        .iter()
        .map(|r| neutralize(&r.value).into_owned())
        .collect();
    let w = names.iter().map(|n| width(n)).max().unwrap_or(5).max(5);
    let max = rows.iter().map(|r| r.articles).max().unwrap_or(0);
    writeln!(
        out,
        "{:<w$}  {:>8}  {:>8}  {:>6}",
        "value", "articles", "passages", "share"
    )?;
    for (r, name) in rows.iter().zip(&names) {
        let pad = w - width(name);
        writeln!(
            out,
            "{name}{:pad$}  {:>8}  {:>8}  {:>5.1}%  {}",
            "",
            r.articles,
            r.passages,
            r.share * 100.0,
            bar(r.articles, max, BAR_WIDTH)
        )?;
    }
    writeln!(out, "({total_articles} matching articles)")
}

/// `timeline`: one line per period, one labelled bar of `measure` per query.
pub fn timeline<W: Write + ?Sized>(
    out: &mut W,
    queries: &[String],
    points: &[Point],
    measure: Measure,
    label: impl Fn(&str) -> String,
) -> io::Result<()> {
    let series = queries.len().max(1);
    let max = points.iter().map(|p| measure.of(p)).max().unwrap_or(0);
    let bar_w = (60 / series).clamp(8, BAR_WIDTH);
    let count_w = max.to_string().len();
    let qs: Vec<String> = queries.iter().map(|q| neutralize(q).into_owned()).collect();
    let qw = qs.iter().map(|q| width(q)).max().unwrap_or(0);
    for chunk in points.chunks(series) {
        let period = label(&chunk[0].period);
        for (i, p) in chunk.iter().enumerate() {
            let lead = if i == 0 { period.as_str() } else { "" };
            let count = measure.of(p);
            let b = bar(count, max, bar_w);
            if series == 1 {
                writeln!(out, "{lead:<10}  {count:>count_w$}  {b}")?;
            } else {
                let q = &qs[i];
                let pad = qw - width(q);
                writeln!(out, "{lead:<10}  {q}{:pad$}  {count:>count_w$}  {b}", "")?;
            }
        }
    }
    Ok(())
}

/// `quotes`: the quotation, then who, when, where, and how often it was carried.
pub fn quotes<W: Write + ?Sized>(out: &mut W, rows: &[QuoteRow]) -> io::Result<()> {
    for r in rows {
        writeln!(out, "“{}”", neutralize(&r.text))?;
        let mut meta = vec![r
            .speaker
            .as_deref()
            .map_or("unattributed".into(), |s| neutralize(s).into_owned())];
        meta.push(r.date.clone().unwrap_or_else(|| "undated".into()));
        if !r.source.is_empty() {
            meta.push(neutralize(&r.source).into_owned());
        }
        if !r.title.is_empty() {
            meta.push(neutralize(&r.title).into_owned());
        }
        if r.copies > 0 {
            meta.push(format!(
                "carried by {} other article{}",
                r.copies,
                if r.copies == 1 { "" } else { "s" }
            ));
        }
        writeln!(out, "   — {}", meta.join(" · "))?;
        writeln!(out)?;
    }
    Ok(())
}

/// `dupes`: each cluster with its members.
pub fn dupes<W: Write + ?Sized>(out: &mut W, rows: &[DupeRow]) -> io::Result<()> {
    for r in rows {
        writeln!(out, "{} ({} articles)", neutralize(&r.cluster), r.size)?;
        for m in &r.members {
            writeln!(out, "   {}", neutralize(m))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██");
        assert_eq!(bar(0, 10, 4), "");
        assert_eq!(bar(1, 1000, 4), "▏");
    }

    #[test]
    fn timeline_series_side_by_side() {
        let p = |query: &str, period: &str, articles| Point {
            query: query.into(),
            period: period.into(),
            articles,
            passages: articles * 2,
        };
        let points = [
            p("russia", "2020-10-01", 4),
            p("iran", "2020-10-01", 2),
            p("russia", "2020-11-01", 0),
            p("iran", "2020-11-01", 1),
        ];
        let queries = ["russia".to_string(), "iran".to_string()];
        let mut out = Vec::new();
        timeline(&mut out, &queries, &points, Measure::Passages, |s| {
            s[..7].to_string()
        })
        .unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), 4, "{s}");
        assert!(lines[0].starts_with("2020-10     russia  8  "), "{s}");
        assert!(lines[1].starts_with("            iran    4  "), "{s}");
        assert!(lines[2].starts_with("2020-11     russia  0"), "{s}");
        // The bars scale to the largest count: 8 passages fill the width, 4 half of it.
        let cells = |l: &str| l.chars().filter(|c| *c == '█').count();
        assert_eq!(cells(lines[0]), 2 * cells(lines[1]));
    }

    #[test]
    fn facet_table_is_aligned() {
        let rows = [
            Facet {
                value: "Russia".into(),
                articles: 10,
                passages: 30,
                share: 0.5,
            },
            Facet {
                value: "Iran\u{1b}[2J".into(),
                articles: 5,
                passages: 6,
                share: 0.25,
            },
        ];
        let mut out = Vec::new();
        facets(&mut out, &rows, 20).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(!s.contains('\u{1b}'), "{s}");
        let lines: Vec<&str> = s.lines().collect();
        let col = |l: &str| l.find("  ").unwrap();
        assert!(lines[1].starts_with("Russia"));
        assert!(
            lines[1].contains("50.0%") && lines[1].ends_with(&"█".repeat(30)),
            "{s}"
        );
        assert!(col(lines[0]) <= col(lines[1]));
        assert!(lines[2].contains("25.0%"));
    }
}
