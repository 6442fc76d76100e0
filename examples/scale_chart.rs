//! The chart of `bench/scale.sh`: time against corpus size, one line per measure, as SVG.
//!
//! ```sh
//! cargo run --release --example scale_chart -- POINTS.tsv OUT.svg [TITLE]
//! ```
//!
//! POINTS.tsv has one point per line, `MEASURE<TAB>CORPUS_MB<TAB>MILLISECONDS`; the lines of one
//! measure are joined in file order. Times span from milliseconds (a search) to minutes (indexing),
//! so the time axis is logarithmic: a line parallel to "linear" grows in proportion to the corpus.
//! Exit status 0, or 2 on errors.

use std::process::ExitCode;

use dossier::output::plot::{legend, line, COLORS};
use plotters::prelude::*;

type Series = Vec<(String, Vec<(f64, f64)>)>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: scale_chart POINTS.tsv OUT.svg [TITLE]");
        return ExitCode::from(2);
    }
    let title = args
        .get(2)
        .map_or("Cost against corpus size", String::as_str);
    match read(&args[0]).and_then(|s| draw(&s, &args[1], title)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scale_chart: {e}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &str) -> Result<Series, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut series: Series = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let point = match cols.as_slice() {
            [name, mb, ms] => mb.parse().ok().zip(ms.parse().ok()).map(|p| (*name, p)),
            _ => None,
        };
        let Some((name, (mb, ms))) = point else {
            return Err(format!("{path}:{}: expected MEASURE<TAB>MB<TAB>MS", n + 1));
        };
        if ms <= 0.0 {
            continue;
        }
        match series.iter_mut().find(|(s, _)| s == name) {
            Some((_, points)) => points.push((mb, ms)),
            None => series.push((name.to_string(), vec![(mb, ms)])),
        }
    }
    if series.is_empty() {
        return Err(format!("{path}: no points"));
    }
    Ok(series)
}

fn draw(series: &Series, out: &str, title: &str) -> Result<(), String> {
    let points = || series.iter().flat_map(|(_, p)| p.iter());
    let max_mb = points().map(|p| p.0).fold(1.0, f64::max);
    let lo = points().map(|p| p.1).fold(f64::MAX, f64::min);
    let hi = points().map(|p| p.1).fold(lo, f64::max);
    let e = |x: &dyn std::fmt::Display| x.to_string();
    // plotters measures text with the font it draws: the one dossier embeds (no system fonts).
    plotters::style::register_font(
        "sans-serif",
        plotters::style::FontStyle::Normal,
        dejavu::sans::regular(),
    )
    .map_err(|_| "cannot load the embedded font".to_string())?;
    let root = SVGBackend::new(out, (960, 600)).into_drawing_area();
    root.fill(&WHITE).map_err(|x| e(&x))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 22))
        .margin(16)
        .margin_right(32)
        .x_label_area_size(48)
        .y_label_area_size(72)
        .build_cartesian_2d(0f64..max_mb * 1.08, (lo / 2.0..hi * 2.0).log_scale())
        .map_err(|x| e(&x))?;
    chart
        .configure_mesh()
        .x_desc("corpus, MB of JSON Lines")
        .y_desc("time (log scale)")
        .y_label_formatter(&|ms| {
            if *ms >= 1000.0 {
                format!("{} s", ms / 1000.0)
            } else {
                format!("{ms} ms")
            }
        })
        .draw()
        .map_err(|x| e(&x))?;
    for (i, (name, pts)) in series.iter().enumerate() {
        line(&mut chart, pts.clone(), COLORS[i % COLORS.len()], name)?;
    }
    legend(&mut chart)?;
    root.present().map_err(|x| e(&x))?;
    Ok(())
}
