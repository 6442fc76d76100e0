//! Train the actor tagger: `cargo run --release --example train_ner -- TRAIN.jsonl [DEV.jsonl] OUT.bin`
use dossier::extract::actors::{load_gold_jsonl, train, TrainConfig};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (train_path, dev_path, out) = match args.len() {
        2 => (&args[0], None, &args[1]),
        3 => (&args[0], Some(&args[1]), &args[2]),
        _ => {
            eprintln!("usage: train_ner TRAIN.jsonl [DEV.jsonl] OUT.bin");
            std::process::exit(2);
        }
    };
    let t0 = Instant::now();
    let train_docs = load_gold_jsonl(train_path).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let dev_docs = match dev_path {
        Some(p) => load_gold_jsonl(p).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        }),
        None => Vec::new(),
    };
    let mut cfg = TrainConfig::default();
    // Experiment knobs (the shipped model uses the defaults).
    if let Some(v) = std::env::var("ACTORS_FOLDS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cfg.folds = v;
    }
    if let Some(v) = std::env::var("ACTORS_EPOCHS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cfg.epochs = v;
    }
    if let Some(v) = std::env::var("ACTORS_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cfg.seed = v;
    }
    if let Some(v) = std::env::var("ACTORS_ENSEMBLE")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cfg.ensemble = v;
    }
    if let Some(v) = std::env::var("ACTORS_PROSE")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cfg.prose_copies = v;
    }
    if let Some(v) = std::env::var("ACTORS_PRUNE")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cfg.prune = v;
    }
    eprintln!("config {cfg:?}");
    let bytes = train(&train_docs, &dev_docs, &cfg, &mut |l| {
        eprintln!("[{:7.1}s] {l}", t0.elapsed().as_secs_f64())
    });
    std::fs::write(out, &bytes).unwrap_or_else(|e| {
        eprintln!("{out}: {e}");
        std::process::exit(1)
    });
    eprintln!(
        "wrote {out}: {} bytes in {:.1}s",
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
}
