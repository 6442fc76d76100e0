//! Extraction speed: MB of article text per second, per extractor and in all, single-threaded
//! (per core) and on all cores; the stemmed fields' analyzer, tantivy's against dossier's; and the
//! near-duplicate signature (`dupes::Signature::of`) that indexing computes beside extraction.
//!
//! ```sh
//! cargo run --release --example bench_extract                 # ../shared/data/bench/*.jsonl.gz
//! cargo run --release --example bench_extract -- FILE... [--mb N] [--parallel-only]
//! ```
//! Skips with a message when no input is found. Reads at most `--mb` MB of text (default 64).
//! `--parallel-only` times only `extract::extract` on all cores (what `bench/run.sh` reports
//! beside the indexers).

use std::path::PathBuf;
use std::time::Instant;

use dossier::extract::{self, actors, dates, passages, quotes};
use dossier::ingest::{self, Event, ReadOptions};
use rayon::prelude::*;
use tantivy::tokenizer::TokenizerManager;

fn main() {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut budget_mb = 64usize;
    let mut parallel_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--parallel-only" {
            parallel_only = true;
        } else if a == "--mb" {
            budget_mb = args
                .next()
                .and_then(|v| v.parse().ok())
                .unwrap_or(budget_mb);
        } else {
            files.push(a.into());
        }
    }
    if files.is_empty() {
        let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/bench"));
        if !dir.is_dir() {
            println!(
                "bench_extract: {} not found (../shared is absent); skipping",
                dir.display()
            );
            return;
        }
        files.push(dir);
    }
    let walk = ingest::walk(&files);
    let budget = budget_mb << 20;
    let mut texts: Vec<(String, Option<extract::types::CivilDate>)> = Vec::new();
    let mut bytes = 0usize;
    // Take articles round-robin from every file, so the sample mixes the sources.
    let mut per_file: Vec<Vec<(String, Option<extract::types::CivilDate>)>> = Vec::new();
    for f in &walk.files {
        let mut v = Vec::new();
        let mut taken = 0;
        let _ = ingest::read_each(f, &ReadOptions::default(), |e| {
            if let Event::Article(a) = e {
                if taken < budget {
                    taken += a.text.len();
                    v.push((a.text, a.date));
                }
            }
        });
        per_file.push(v);
    }
    let mut per_file: Vec<_> = per_file.into_iter().map(Vec::into_iter).collect();
    let mut more = true;
    while bytes < budget && more {
        more = false;
        for file in &mut per_file {
            if let Some(t) = file.next() {
                bytes += t.0.len();
                texts.push(t);
                more = true;
            }
        }
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} articles, {:.1} MB of text from {} files",
        texts.len(),
        mb,
        walk.files.len()
    );
    if !parallel_only {
        single_threaded(&texts, mb);
    }
    let threads = rayon::current_num_threads();
    let start = Instant::now();
    texts.par_iter().for_each(|(t, d)| {
        std::hint::black_box(extract::extract(t, *d));
    });
    let s = start.elapsed().as_secs_f64();
    println!(
        "{:<24} {:>8.1} MB/s  ({s:.2} s, {threads} threads)",
        "all, parallel",
        mb / s
    );
}

/// Each extractor alone, then all of them, on one thread.
fn single_threaded(texts: &[(String, Option<extract::types::CivilDate>)], mb: f64) {
    let tagger = actors::Tagger::shipped();
    let time = |name: &str, f: &dyn Fn(&str, Option<extract::types::CivilDate>)| {
        let start = Instant::now();
        for (t, d) in texts {
            f(t, *d);
        }
        let s = start.elapsed().as_secs_f64();
        println!("{name:<24} {:>8.1} MB/s  ({s:.2} s, 1 thread)", mb / s);
    };
    time("passages", &|t, _| {
        std::hint::black_box(passages::passages(t));
    });
    time("actors", &|t, _| {
        std::hint::black_box(tagger.tag(t));
    });
    time("dates", &|t, d| {
        std::hint::black_box(dates::tag(t, d));
    });
    // The stemmed fields' analyzer, tantivy's stock one against dossier's (same tokens, with a
    // stem cache): a fresh analyzer each round, as each indexing thread has; three rounds
    // alternating, the best of each.
    let mut best = [f64::MAX; 2];
    for _ in 0..3 {
        for (k, best) in best.iter_mut().enumerate() {
            let mut analyzer = if k == 0 {
                TokenizerManager::default()
                    .get("en_stem")
                    .expect("tantivy's en_stem")
            } else {
                dossier::index::en_stem()
            };
            let start = Instant::now();
            for (t, _) in texts {
                let mut stream = analyzer.token_stream(t);
                while stream.advance() {
                    std::hint::black_box(&stream.token().text);
                }
            }
            *best = best.min(start.elapsed().as_secs_f64());
        }
    }
    for (name, s) in [
        ("en_stem, tantivy's", best[0]),
        ("en_stem, dossier's", best[1]),
    ] {
        println!("{name:<24} {:>8.1} MB/s  ({s:.2} s, 1 thread)", mb / s);
    }
    let found: Vec<_> = texts.iter().map(|(t, _)| tagger.tag(t)).collect();
    let start = Instant::now();
    for ((t, _), a) in texts.iter().zip(&found) {
        std::hint::black_box(quotes::analyze(t, a));
    }
    let s = start.elapsed().as_secs_f64();
    println!(
        "{:<24} {:>8.1} MB/s  ({s:.2} s, 1 thread)",
        "quotes",
        mb / s
    );
    time("all (extract::extract)", &|t, d| {
        std::hint::black_box(extract::extract(t, d));
    });
    // Not part of extract::extract: indexing adds it per article (the near-duplicate signature).
    time("dupes::Signature::of", &|t, _| {
        std::hint::black_box(dossier::dupes::Signature::of(t));
    });
}
