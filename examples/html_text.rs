//! The main text dossier reads from each HTML page of a folder, as the extraction benchmark's
//! prediction file: `{"<id>": {"articleBody": "..."}}` on stdout, where `<id>` is the file name
//! without `.html` or `.html.gz`. On stderr, one line: pages and milliseconds per page spent
//! in the HTML reader (parsing and main text; reading and decompressing the files not counted).
//!
//! usage: cargo run --release --example html_text -- FOLDER [ROUNDS]
//! ROUNDS (default 1) repeats the timed pass to steady the figure; the text is the first pass's.

use std::io::Read;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(folder) = args.next() else {
        eprintln!("usage: html_text FOLDER [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1).max(1);
    let mut pages = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| {
            eprintln!("html_text: {folder}: {e}");
            std::process::exit(2);
        })
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let Some(id) = name
            .strip_suffix(".html.gz")
            .or_else(|| name.strip_suffix(".html"))
        else {
            continue;
        };
        let bytes = std::fs::read(&path).unwrap_or_else(|e| {
            eprintln!("html_text: {}: {e}", path.display());
            std::process::exit(2);
        });
        let bytes = if name.ends_with(".gz") {
            let mut out = Vec::new();
            if let Err(e) = flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out) {
                eprintln!("html_text: {}: {e}", path.display());
                std::process::exit(2);
            }
            out
        } else {
            bytes
        };
        pages.push((id.to_string(), String::from_utf8_lossy(&bytes).into_owned()));
    }
    let mut out = serde_json::Map::new();
    let start = Instant::now();
    for round in 0..rounds {
        for (id, html) in &pages {
            let text = dossier::ingest::html::article(html).text;
            if round == 0 {
                out.insert(id.clone(), serde_json::json!({ "articleBody": text }));
            }
        }
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0 / (pages.len() * rounds).max(1) as f64;
    eprintln!("dossier: {} pages, {ms:.2} ms/page", pages.len());
    println!("{}", serde_json::Value::Object(out));
}
