//! Larger corpora for `bench/scale.sh`: new articles recombined from the paragraphs of a JSON Lines
//! corpus, so a corpus N times the size is N times the work without being N copies of one text.
//!
//! ```sh
//! cargo run --release --example scale_corpus -- [--copies N] [--seed S] OUT_DIR FILES...
//! ```
//!
//! FILES are `.jsonl` or `.jsonl.gz` files of objects with `id`, `title`, `date`, `source`,
//! `license` and `text` (paragraphs separated by a blank line), like `../shared/data/bench`.
//! For each copy C (0 .. N-1, default 4) and each input file F it writes
//! `OUT_DIR/copyC-F.jsonl.gz` with one new article per article of F: the same number of
//! paragraphs, each drawn at random from every paragraph of every input file, the title of
//! another article drawn at random, the article's source and license, a new id (`scaleC-…`) and,
//! when the article had a date, that date moved by up to two years either way. Articles built so
//! share a paragraph now and then, never most of their text, so they are not near-duplicates of
//! one another; copy C of a corpus is the same whatever N is, so copies 0..K are the corpus at
//! K+1 times the size. The same seed gives the same files byte for byte.
//!
//! It prints one line per file written and a total on stderr. Exit status 0, or 2 on errors.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dossier::extract::types::CivilDate;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

const USAGE: &str = "usage: scale_corpus [--copies N] [--seed S] OUT_DIR FILES...";
/// How far a date moves, in days either way.
const DATE_SHIFT_DAYS: u64 = 730;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Deserialize)]
struct Input {
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    license: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

#[derive(Serialize)]
struct Output<'a> {
    id: String,
    title: &'a str,
    date: Option<String>,
    source: &'a str,
    url: Option<&'a str>,
    license: Option<&'a str>,
    text: String,
}

/// An input article without its text: what a recombined article keeps of it.
struct Shape {
    id: String,
    title: String,
    date: Option<CivilDate>,
    source: String,
    license: Option<String>,
    paragraphs: usize,
}

/// Every input file's article shapes, and every paragraph of every file.
struct Corpus {
    files: Vec<(String, Vec<Shape>)>,
    paragraphs: Vec<String>,
}

/// splitmix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scale_corpus: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), BoxError> {
    let mut copies = 4u64;
    let mut seed = 13u64;
    let mut rest = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--copies" => copies = number(it.next(), "--copies")?,
            "--seed" => seed = number(it.next(), "--seed")?,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ => rest.push(a),
        }
    }
    if rest.len() < 2 || copies == 0 {
        return Err(USAGE.into());
    }
    let out = PathBuf::from(&rest[0]);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let corpus = read_corpus(&rest[1..])?;
    if corpus.paragraphs.is_empty() {
        return Err("the input files hold no paragraphs".into());
    }
    let jobs: Vec<(u64, usize)> = (0..copies)
        .flat_map(|c| (0..corpus.files.len()).map(move |f| (c, f)))
        .collect();
    let written = jobs
        .par_iter()
        .map(|&(copy, file)| write_copy(&corpus, &out, seed, copy, file))
        .collect::<Result<Vec<u64>, BoxError>>()?;
    eprintln!(
        "scale_corpus: {} files, {} bytes of JSON Lines in {}",
        written.len(),
        written.iter().sum::<u64>(),
        out.display()
    );
    Ok(())
}

fn number(v: Option<String>, flag: &str) -> Result<u64, BoxError> {
    v.and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{flag} needs a number").into())
}

fn read_corpus(files: &[String]) -> Result<Corpus, BoxError> {
    let mut corpus = Corpus {
        files: Vec::new(),
        paragraphs: Vec::new(),
    };
    for name in files {
        let path = Path::new(name);
        let file = File::open(path).map_err(|e| format!("{name}: {e}"))?;
        let reader: Box<dyn Read> = if name.ends_with(".gz") {
            Box::new(MultiGzDecoder::new(file))
        } else {
            Box::new(file)
        };
        let mut shapes = Vec::new();
        for (n, line) in BufReader::new(reader).lines().enumerate() {
            let line = line.map_err(|e| format!("{name}: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let a: Input =
                serde_json::from_str(&line).map_err(|e| format!("{name}:{}: {e}", n + 1))?;
            let before = corpus.paragraphs.len();
            corpus.paragraphs.extend(
                a.text
                    .as_deref()
                    .unwrap_or_default()
                    .split("\n\n")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
            );
            let paragraphs = corpus.paragraphs.len() - before;
            if paragraphs == 0 {
                continue;
            }
            shapes.push(Shape {
                id: a.id,
                title: a.title.unwrap_or_default(),
                date: a.date.as_deref().and_then(CivilDate::parse_iso),
                source: a.source.unwrap_or_default(),
                license: a.license,
                paragraphs,
            });
        }
        let stem = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("input")
            .trim_end_matches(".gz")
            .trim_end_matches(".jsonl")
            .to_string();
        corpus.files.push((stem, shapes));
    }
    Ok(corpus)
}

/// Writes copy `copy` of input file `file`; returns the bytes of JSON Lines written.
fn write_copy(
    corpus: &Corpus,
    out: &Path,
    seed: u64,
    copy: u64,
    file: usize,
) -> Result<u64, BoxError> {
    let (stem, shapes) = &corpus.files[file];
    let path = out.join(format!("copy{copy}-{stem}.jsonl.gz"));
    let err = |e: io::Error| format!("{}: {e}", path.display());
    let sink = File::create(&path).map_err(err)?;
    let mut gz = BufWriter::new(GzEncoder::new(sink, Compression::default()));
    // One stream per (seed, copy, file): files can be written in any order, in parallel.
    let mut rng = Rng(seed ^ (copy << 32) ^ (file as u64).wrapping_mul(0x51_7cc1_b727_220a));
    let mut bytes = 0u64;
    let titles: Vec<&Shape> = corpus.files.iter().flat_map(|(_, s)| s).collect();
    for (n, shape) in shapes.iter().enumerate() {
        let mut text = String::new();
        for i in 0..shape.paragraphs {
            if i > 0 {
                text.push_str("\n\n");
            }
            let p = rng.below(corpus.paragraphs.len() as u64) as usize;
            text.push_str(&corpus.paragraphs[p]);
        }
        let title = titles[rng.below(titles.len() as u64) as usize]
            .title
            .as_str();
        let shift = rng.below(2 * DATE_SHIFT_DAYS + 1) as i64 - DATE_SHIFT_DAYS as i64;
        let article = Output {
            id: format!("scale{copy}-{stem}-{n}-{}", shape.id),
            title,
            date: shape.date.map(|d| d.add_days(shift).to_string()),
            source: &shape.source,
            url: None,
            license: shape.license.as_deref(),
            text,
        };
        let mut line = serde_json::to_vec(&article)?;
        line.push(b'\n');
        bytes += line.len() as u64;
        gz.write_all(&line).map_err(err)?;
    }
    gz.into_inner()
        .map_err(|e| err(e.into_error()))?
        .finish()
        .map_err(err)?
        .flush()
        .map_err(err)?;
    eprintln!(
        "scale_corpus: {} ({} articles, {bytes} bytes)",
        path.display(),
        shapes.len()
    );
    Ok(bytes)
}
