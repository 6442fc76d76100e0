//! The timeline as a chart (plotters), SVG or PNG by the file's extension: one line per query
//! over the periods, with axes, labels, a legend and the queries as the title. Text from the user
//! (the queries) is escaped by the SVG backend and drawn as glyphs in the PNG, with DejaVu Sans
//! embedded in the binary (no system fonts needed).

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analysis::timeline::{Measure, Point};

/// Colors of the lines, in order.
pub const COLORS: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

/// Size of the chart in pixels.
const SIZE: (u32, u32) = (960, 480);

/// The chart file formats, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlotFormat {
    Svg,
    Png,
}

impl PlotFormat {
    /// The format a file name asks for (`.svg`, `.png`, any case).
    pub fn of(path: &Path) -> Option<PlotFormat> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("svg") => Some(PlotFormat::Svg),
            Some("png") => Some(PlotFormat::Png),
            _ => None,
        }
    }
}

/// Draws `points` (laid out as [`crate::analysis::timeline::points`] gives them: by period, then
/// by query) into a chart file at `path`, SVG or PNG by its extension; `label` names a period on
/// the axis.
pub fn timeline_chart(
    path: &Path,
    queries: &[String],
    points: &[Point],
    measure: Measure,
    label: impl Fn(&str) -> String,
) -> Result<(), String> {
    register_font();
    match PlotFormat::of(path) {
        Some(PlotFormat::Png) => draw(
            BitMapBackend::new(path, SIZE).into_drawing_area(),
            queries,
            points,
            measure,
            label,
        ),
        _ => draw(
            SVGBackend::new(path, SIZE).into_drawing_area(),
            queries,
            points,
            measure,
            label,
        ),
    }
}

/// Makes the embedded DejaVu Sans plotters' "sans-serif" (once per process).
fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The font is a fixed, valid TrueType file; if it ever failed to load, PNG text would be
        // missing and the SVG (which names the family) would be unchanged.
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            dejavu::sans::regular(),
        );
    });
}

fn draw<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    queries: &[String],
    points: &[Point],
    measure: Measure,
    label: impl Fn(&str) -> String,
) -> Result<(), String> {
    let n = queries.len().max(1);
    let periods: Vec<String> = points.chunks(n).map(|c| label(&c[0].period)).collect();
    let max = points
        .iter()
        .map(|p| measure.of(p))
        .max()
        .unwrap_or(0)
        .max(1);
    let e = |e: &dyn std::fmt::Display| e.to_string();
    root.fill(&WHITE).map_err(|x| e(&x))?;
    let title = queries.join("  ·  ");
    let last = periods.len().saturating_sub(1).max(1);
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!("Matching {}: {title}", measure.name()),
            ("sans-serif", 22),
        )
        .margin(16)
        .margin_right(48)
        .x_label_area_size(48)
        .y_label_area_size(56)
        .build_cartesian_2d(0usize..last, 0u64..(max + max / 10 + 1))
        .map_err(|x| e(&x))?;
    let labels = periods.clone();
    chart
        .configure_mesh()
        .x_desc("period")
        .y_desc(measure.name())
        .x_labels(periods.len().clamp(2, 12))
        .x_label_formatter(&|i| labels.get(*i).cloned().unwrap_or_default())
        .draw()
        .map_err(|x| e(&x))?;
    for (s, q) in queries.iter().enumerate() {
        let series: Vec<(usize, u64)> = points
            .chunks(n)
            .enumerate()
            .map(|(i, c)| (i, c.get(s).map_or(0, |p| measure.of(p))))
            .collect();
        line(&mut chart, series, COLORS[s % COLORS.len()], q)?;
    }
    legend(&mut chart)?;
    root.present().map_err(|x| e(&x))?;
    Ok(())
}

/// Draws `points` as a line with a dot at each point, named `label` in the legend.
pub fn line<'a, DB, X, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    points: Vec<(X::ValueType, Y::ValueType)>,
    color: RGBColor,
    label: &str,
) -> Result<(), String>
where
    DB: DrawingBackend + 'a,
    X: Ranged,
    Y: Ranged,
    X::ValueType: Clone + 'static,
    Y::ValueType: Clone + 'static,
{
    let e = |e: &dyn std::fmt::Display| e.to_string();
    chart
        .draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))
        .map_err(|x| e(&x))?
        .label(label)
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(3)));
    chart
        .draw_series(
            points
                .into_iter()
                .map(|p| Circle::new(p, 3, color.filled())),
        )
        .map_err(|x| e(&x))?;
    Ok(())
}

/// Draws the legend of the lines, top left.
pub fn legend<'a, DB, X, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
) -> Result<(), String>
where
    DB: DrawingBackend + 'a,
    X: Ranged,
    Y: Ranged,
{
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .position(SeriesLabelPosition::UpperLeft)
        .draw()
        .map_err(|x| x.to_string())
}
