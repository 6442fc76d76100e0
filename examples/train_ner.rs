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
    knob("ACTORS_FOLDS", &mut cfg.folds);
    knob("ACTORS_EPOCHS", &mut cfg.epochs);
    knob("ACTORS_SEED", &mut cfg.seed);
    knob("ACTORS_ENSEMBLE", &mut cfg.ensemble);
    knob("ACTORS_PROSE", &mut cfg.prose_copies);
    knob("ACTORS_PRUNE", &mut cfg.prune);
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

/// Sets `value` from the environment variable `name` when it is set and parses.
fn knob<T: std::str::FromStr>(name: &str, value: &mut T) {
    if let Some(v) = std::env::var(name).ok().and_then(|v| v.parse().ok()) {
        *value = v;
    }
}
