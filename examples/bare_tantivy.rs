//! The baseline of `bench/run.sh`: what a user would write with tantivy alone.
//!
//! One document per article: a stemmed text field (`en_stem`, with positions) holding the
//! title and the text, and the article id, stored. Default index settings.
//!
//! ```sh
//! cargo run --release --example bare_tantivy -- index [-j N] [-m MB] INDEX_DIR FILES...
//! cargo run --release --example bare_tantivy -- search INDEX_DIR QUERY
//! ```
//!
//! `index` reads JSON Lines files (`.jsonl`, or `.jsonl.gz` decompressed on the fly) whose lines
//! are objects with `id`, `title` and `text`, creates INDEX_DIR (which must not hold an index yet),
//! indexes with N writer threads (default: all cores, at most 8) and a writer memory budget of
//! MB megabytes (default 400, the same as `dossier index`), commits once and waits for merges.
//! It prints one summary line on stderr.
//!
//! `search` parses QUERY with tantivy's `QueryParser` over the text field (all words required,
//! like `dossier search`; regexes over terms allowed, e.g. `text:/interfer.*/` for a prefix, since
//! the parser has no single-word prefix query) and prints the top 10 hits as `RANK<TAB>ID<TAB>SCORE`.
//! Exit status: 0 with hits, 1 without, 2 on errors.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use flate2::read::MultiGzDecoder;
use serde::Deserialize;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED};
use tantivy::{Index, IndexWriter, TantivyDocument};

const USAGE: &str = "usage: bare_tantivy index [-j N] [-m MB] INDEX_DIR FILES...\n       \
                     bare_tantivy search INDEX_DIR QUERY";

type BoxError = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("index") => index_command(&args[1..]).map(|()| true),
        Some("search") => search_command(&args[1..]),
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("bare_tantivy: {e}");
            ExitCode::from(2)
        }
    }
}

fn schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field("id", STORED);
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("en_stem")
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    builder.add_text_field(
        "text",
        TextOptions::default().set_indexing_options(indexing),
    );
    builder.build()
}

struct IndexArgs {
    threads: usize,
    memory_mb: usize,
    dir: PathBuf,
    files: Vec<PathBuf>,
}

fn parse_index_args(args: &[String]) -> Result<IndexArgs, BoxError> {
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut memory_mb = 400;
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-j" | "--jobs" => threads = number(it.next(), arg)?,
            "-m" | "--memory" => memory_mb = number(it.next(), arg)?,
            _ => positional.push(PathBuf::from(arg)),
        }
    }
    if positional.len() < 2 {
        return Err(USAGE.into());
    }
    let dir = positional.remove(0);
    Ok(IndexArgs {
        threads: threads.clamp(1, 8),
        memory_mb,
        dir,
        files: positional,
    })
}

fn number(value: Option<&String>, flag: &str) -> Result<usize, BoxError> {
    value
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("{flag} needs a positive number").into())
}

/// The fields of a line that the baseline uses; others are ignored.
#[derive(Deserialize)]
struct Article {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

#[derive(Default)]
struct Counts {
    articles: u64,
    bad_lines: u64,
    input_bytes: u64,
    text_bytes: u64,
}

fn index_command(args: &[String]) -> Result<(), BoxError> {
    let args = parse_index_args(args)?;
    let started = Instant::now();
    std::fs::create_dir_all(&args.dir)?;
    let index = Index::create_in_dir(&args.dir, schema())?;
    let schema = index.schema();
    let id_field = schema.get_field("id")?;
    let text_field = schema.get_field("text")?;
    let mut writer: IndexWriter =
        index.writer_with_num_threads(args.threads, args.memory_mb << 20)?;

    let mut counts = Counts::default();
    for path in &args.files {
        index_file(path, &writer, id_field, text_field, &mut counts)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;

    let segments = index.searchable_segment_ids()?.len();
    eprintln!(
        "bare_tantivy: indexed {} articles ({} bytes read, {} bytes of title+text, {} bad lines) \
         from {} files into {} segments with {} threads in {:.2} s",
        counts.articles,
        counts.input_bytes,
        counts.text_bytes,
        counts.bad_lines,
        args.files.len(),
        segments,
        args.threads,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn open_lines(path: &Path) -> io::Result<Box<dyn BufRead>> {
    let file = File::open(path)?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 20, reader)))
}

fn index_file(
    path: &Path,
    writer: &IndexWriter,
    id_field: tantivy::schema::Field,
    text_field: tantivy::schema::Field,
    counts: &mut Counts,
) -> Result<(), BoxError> {
    let mut lines = open_lines(path)?;
    let mut line = String::new();
    let mut number = 0u64;
    loop {
        line.clear();
        let n = lines.read_line(&mut line)?;
        if n == 0 {
            break;
        }
        number += 1;
        counts.input_bytes += n as u64;
        if line.trim().is_empty() {
            continue;
        }
        let article: Article = match serde_json::from_str(&line) {
            Ok(article) => article,
            Err(e) => {
                eprintln!("bare_tantivy: {}:{number}: {e}", path.display());
                counts.bad_lines += 1;
                continue;
            }
        };
        let mut body = article.title.unwrap_or_default();
        if let Some(text) = article.text {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(&text);
        }
        counts.text_bytes += body.len() as u64;
        let mut doc = TantivyDocument::default();
        doc.add_text(
            id_field,
            article
                .id
                .unwrap_or_else(|| format!("{}:{number}", path.display())),
        );
        doc.add_text(text_field, body);
        writer.add_document(doc)?;
        counts.articles += 1;
    }
    Ok(())
}

fn search_command(args: &[String]) -> Result<bool, BoxError> {
    let [dir, query] = args else {
        return Err(USAGE.into());
    };
    let index = Index::open_in_dir(dir)?;
    let schema = index.schema();
    let id_field = schema.get_field("id")?;
    let text_field = schema.get_field("text")?;
    let searcher = index.reader()?.searcher();
    let mut parser = QueryParser::for_index(&index, vec![text_field]);
    parser.set_conjunction_by_default();
    // Prefix searches are written as regexes over the indexed (stemmed) terms: `text:/interfer.*/`.
    parser.allow_regexes();
    let query = parser.parse_query(query)?;
    let hits = searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (rank, (score, address)) in hits.iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(*address)?;
        let id = doc
            .get_first(id_field)
            .and_then(|v| v.as_str())
            .unwrap_or("");
        if let Err(e) = writeln!(out, "{}\t{id}\t{score:.4}", rank + 1) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Ok(!hits.is_empty());
            }
            return Err(e.into());
        }
    }
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(!hits.is_empty())
}
