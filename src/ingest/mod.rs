//! Finding and reading article files: walk folders (sorted, deterministic), pick a reader by
//! extension, decompress `.gz` transparently, decode text, and produce [`Article`]s.
//!
//! Not for extraction (see `extract`) nor for deciding what to re-index (see `commands::index`).

mod article;
mod feeds;
mod formats;
pub mod html;
mod pdf;
mod tables;
mod warc;

use std::fs;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::extract::types::CivilDate;
pub use article::Article;

pub use formats::parse_date;

/// The formats dossier reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text; first line is the title when a blank line follows it.
    Text,
    /// Markdown with optional YAML (`---`) or TOML (`+++`) front matter.
    Markdown,
    /// An HTML page.
    Html,
    /// One JSON article object, or an array of them.
    Json,
    /// One JSON article object per line.
    JsonLines,
    /// A CSV table with a header row, one article per row.
    Csv,
    /// A tab-separated table with a header row, one article per row.
    Tsv,
    /// An RSS or Atom feed (`.rss`, `.atom`, and `.xml` whose root is a feed), one article per item.
    Feed,
    /// A WARC web archive, one article per HTML response record.
    Warc,
    /// A PDF document, one article with its pages.
    Pdf,
}

/// A file found by the walk that dossier can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Path as walked (the argument joined with the relative path below it).
    pub path: PathBuf,
    /// Size in bytes on disk.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: u64,
    /// Reader to use.
    pub format: Format,
    /// Whether the file is gzip-compressed.
    pub gzip: bool,
}

/// Something wrong with a path met during the walk or the read, reported as `dossier: PATH[:LINE]: reason`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file.
    pub path: PathBuf,
    /// 1-based line for JSON Lines, 0 when it concerns the whole file.
    pub line: usize,
    /// What went wrong, in a few words.
    pub reason: String,
    /// True when the file (or line) was skipped; false for a warning about data kept.
    pub skipped: bool,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.path.display(), self.line, self.reason)
        } else {
            write!(f, "{}: {}", self.path.display(), self.reason)
        }
    }
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Readable files, sorted by path within each argument, arguments in the order given.
    pub files: Vec<SourceFile>,
    /// Files with an extension dossier does not read.
    pub unsupported: usize,
    /// Paths that could not be walked (missing, permission, symlink loop).
    pub problems: Vec<Problem>,
}

/// Options that apply to every article read.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Date for articles that have none.
    pub default_date: Option<CivilDate>,
    /// Source for articles that have none.
    pub default_source: Option<String>,
    /// Largest article text kept, in bytes; longer texts are cut at a character boundary (with a warning).
    pub max_article_bytes: usize,
}

/// Picks the reader for a file name; `None` for files dossier does not read (and for sidecars).
pub fn format_of(path: &Path) -> Option<(Format, bool)> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if name.ends_with(".meta.json") || name.starts_with('.') {
        return None;
    }
    let (name, gzip) = match name.strip_suffix(".gz") {
        Some(inner) => (inner.to_string(), true),
        None => (name, false),
    };
    let ext = name.rsplit_once('.')?.1;
    let format = match ext {
        "txt" | "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" | "xhtml" => Format::Html,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "csv" => Format::Csv,
        "tsv" => Format::Tsv,
        "rss" | "atom" | "xml" => Format::Feed,
        "warc" => Format::Warc,
        "pdf" => Format::Pdf,
        _ => return None,
    };
    Some((format, gzip))
}

/// Walks `paths` (files or folders), sorted by file name, following symbolic links, skipping
/// hidden folders and dossier indexes below them.
pub fn walk(paths: &[PathBuf]) -> Walk {
    let mut out = Walk::default();
    for root in paths {
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !skipped_dir(e));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    let reason = if e.loop_ancestor().is_some() {
                        "symbolic link loop, skipped".to_string()
                    } else {
                        match e.io_error() {
                            Some(io) => format!("{io}, skipped"),
                            None => format!("{e}, skipped"),
                        }
                    };
                    out.problems.push(Problem {
                        path,
                        line: 0,
                        reason,
                        skipped: true,
                    });
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let Some((format, gzip)) = format_of(path) else {
                if !is_sidecar(path) {
                    out.unsupported += 1;
                }
                continue;
            };
            let (size, mtime_ns) = match entry.metadata() {
                Ok(m) => (m.len(), mtime_ns(&m)),
                Err(e) => {
                    out.problems.push(Problem {
                        path: path.to_path_buf(),
                        line: 0,
                        reason: format!("{e}, skipped"),
                        skipped: true,
                    });
                    continue;
                }
            };
            out.files.push(SourceFile {
                path: path.to_path_buf(),
                size,
                mtime_ns,
                format,
                gzip,
            });
        }
    }
    out
}

/// Hidden folders (`.git`, `.dossier`) and dossier indexes are not part of a corpus.
fn skipped_dir(e: &walkdir::DirEntry) -> bool {
    e.file_type().is_dir()
        && (e.file_name().to_string_lossy().starts_with('.')
            || e.path().join(crate::index::VERSION_FILE).is_file())
}

fn is_sidecar(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".meta.json"))
}

/// Modification time of `meta` in nanoseconds since the epoch, 0 when the platform has none.
pub fn mtime_ns(meta: &fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

/// What reading a file yields, in file order.
#[derive(Debug)]
pub enum Event {
    /// One article, metadata completed (sidecar, defaults, id, path).
    Article(Article),
    /// A line skipped or a warning about data kept.
    Problem(Problem),
}

/// Streams the articles of `file` to `sink`, holding at most one article (or one capped
/// JSON Lines line) in memory for JSON Lines, and returns the xxh3 of the file's bytes on disk.
/// An `Err` means the whole file was skipped, with the reason.
pub fn read_each(
    file: &SourceFile,
    opts: &ReadOptions,
    sink: impl FnMut(Event),
) -> Result<u64, String> {
    read_each_counted(file, opts, &AtomicU64::new(0), sink)
}

/// [`read_each`], adding to `read` the bytes read from the file on disk as they are read
/// (compressed bytes for `.gz`), so progress can move inside a long file.
pub fn read_each_counted(
    file: &SourceFile,
    opts: &ReadOptions,
    read: &AtomicU64,
    mut sink: impl FnMut(Event),
) -> Result<u64, String> {
    let sidecar = formats::Meta::sidecar_for(&file.path).map_err(|e| format!("sidecar: {e}"))?;
    let path = file.path.to_string_lossy().into_owned();
    let f = fs::File::open(&file.path).map_err(|e| format!("{e}, skipped"))?;
    let mut hashed = HashingReader::new(CountingReader { inner: f, read });
    let limit = opts.max_article_bytes.max(1 << 20);
    let mut count = 0usize;
    let mut finish = |mut a: Article, position: Option<usize>, sink: &mut dyn FnMut(Event)| {
        complete(&mut a, &path, position, sidecar.as_ref(), opts, file, sink);
        if !a.text.trim().is_empty() || !a.title.trim().is_empty() {
            count += 1;
            sink(Event::Article(a));
        }
    };
    let problem = |line: usize, reason: String, skipped: bool, sink: &mut dyn FnMut(Event)| {
        sink(Event::Problem(Problem {
            path: file.path.clone(),
            line,
            reason,
            skipped,
        }));
    };
    let sink: &mut dyn FnMut(Event) = &mut sink;
    let mut failed_lines = 0;
    {
        let mut input: Box<dyn Read + '_> = if file.gzip {
            Box::new(flate2::read::MultiGzDecoder::new(&mut hashed))
        } else {
            Box::new(&mut hashed)
        };
        if file.format == Format::Warc {
            let cap = limit.saturating_mul(4);
            let mut position = 0;
            let counts = warc::read(&mut input, cap, |found| match found {
                warc::Found::Article(a) => {
                    position += 1;
                    finish(a, Some(position), sink);
                }
                warc::Found::Problem(reason) => {
                    failed_lines += 1;
                    problem(0, reason, true, sink);
                }
            });
            match counts {
                Ok(c) if c.skipped > 0 => problem(
                    0,
                    format!(
                        "{} records skipped (requests, metadata, responses that are not HTML)",
                        c.skipped
                    ),
                    false,
                    sink,
                ),
                Ok(_) => {}
                Err(reason) if position > 0 => {
                    failed_lines += 1;
                    problem(
                        0,
                        format!("{reason} ({position} articles before it kept)"),
                        true,
                        sink,
                    );
                }
                Err(reason) => return Err(reason),
            }
        } else if matches!(file.format, Format::Csv | Format::Tsv) {
            let delimiter = if file.format == Format::Csv {
                b','
            } else {
                b'\t'
            };
            tables::read(&mut input, delimiter, |line, row| match row {
                Ok(mut a) => {
                    a.line = line;
                    finish(a, Some(line), sink);
                }
                Err(reason) => {
                    failed_lines += 1;
                    problem(line, reason, true, sink);
                }
            })?;
        } else if file.format == Format::JsonLines {
            // Room for the article text plus its JSON escaping and metadata.
            let line_cap = limit.saturating_mul(2).saturating_add(1 << 20);
            let mut reader = std::io::BufReader::with_capacity(1 << 16, input);
            let mut buf = Vec::new();
            let mut line_no = 0;
            loop {
                line_no += 1;
                let (consumed, too_long) = read_line_capped(&mut reader, &mut buf, line_cap)
                    .map_err(|e| read_error(file, e))?;
                if consumed == 0 {
                    break;
                }
                if too_long {
                    failed_lines += 1;
                    problem(
                        line_no,
                        format!(
                            "line longer than {} MB, skipped (raise with --max-article-mb)",
                            line_cap >> 20
                        ),
                        true,
                        sink,
                    );
                    continue;
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                match decode(&buf) {
                    Err(reason) => {
                        failed_lines += 1;
                        problem(line_no, reason, true, sink);
                    }
                    Ok((text, warning)) => {
                        if let Some(w) = warning {
                            problem(line_no, w, false, sink);
                        }
                        match formats::json_line(&text) {
                            Ok(mut a) => {
                                a.line = line_no;
                                finish(a, Some(line_no), sink);
                            }
                            Err(reason) => {
                                failed_lines += 1;
                                problem(line_no, format!("{reason}, line skipped"), true, sink);
                            }
                        }
                    }
                }
            }
        } else {
            // Whole-file formats: read up to a cap; past it, text formats are cut, JSON skipped.
            let cap = limit.saturating_mul(4) as u64;
            let mut raw = Vec::new();
            (&mut input)
                .take(cap + 1)
                .read_to_end(&mut raw)
                .map_err(|e| read_error(file, e))?;
            let cut = raw.len() as u64 > cap;
            if cut {
                if file.format == Format::Json {
                    return Err(format!(
                        "JSON file larger than {} MB, skipped (split it into JSON Lines, or raise --max-article-mb)",
                        cap >> 20
                    ));
                }
                raw.truncate(cap as usize);
                problem(0, format!("file larger than {} MB, only its start is read (raise with --max-article-mb)", cap >> 20), false, sink);
            }
            if file.format == Format::Pdf {
                if cut {
                    return Err(format!(
                        "PDF larger than {} MB, skipped (raise --max-article-mb)",
                        cap >> 20
                    ));
                }
                finish(pdf::read(&raw)?, None, sink);
            } else {
                let (text, warning) = decode(&raw)?;
                drop(raw);
                if let Some(w) = warning {
                    problem(0, w, false, sink);
                }
                match file.format {
                    Format::Text => finish(formats::plain_text(&text), None, sink),
                    Format::Markdown => finish(formats::markdown(&text)?, None, sink),
                    Format::Html => finish(html::article(&text), None, sink),
                    Format::Json => {
                        let articles = formats::json(&text)?;
                        let many = articles.len() > 1;
                        for (n, a) in articles.into_iter().enumerate() {
                            finish(a, many.then_some(n), sink);
                        }
                    }
                    Format::Feed => {
                        for (n, a) in feeds::read(&text)?.into_iter().enumerate() {
                            finish(a, Some(n), sink);
                        }
                    }
                    Format::JsonLines | Format::Csv | Format::Tsv | Format::Warc | Format::Pdf => {
                        unreachable!("streamed above")
                    }
                }
            }
            if cut {
                // The rest still counts for the file's hash.
                std::io::copy(&mut input, &mut std::io::sink()).map_err(|e| read_error(file, e))?;
            }
        }
    }
    if count == 0 && failed_lines == 0 {
        return Err("no article text found, skipped".to_string());
    }
    Ok(hashed.finish())
}

/// Completes an article's metadata: sidecar over the file's own, defaults under it, a derived
/// id when it has none, its path, and the size cap.
fn complete(
    a: &mut Article,
    path: &str,
    position: Option<usize>,
    sidecar: Option<&formats::Meta>,
    opts: &ReadOptions,
    file: &SourceFile,
    sink: &mut dyn FnMut(Event),
) {
    if let Some(meta) = sidecar {
        meta.apply_over(a);
    }
    if a.date.is_none() {
        a.date = opts.default_date;
    }
    if a.source.is_empty() {
        if let Some(s) = &opts.default_source {
            a.source = s.clone();
        }
    }
    if a.id.is_empty() {
        a.id = derived_id(path, position);
    }
    if opts.max_article_bytes > 0 && a.text.len() > opts.max_article_bytes {
        let mut cut = opts.max_article_bytes;
        while !a.text.is_char_boundary(cut) {
            cut -= 1;
        }
        a.text.truncate(cut);
        sink(Event::Problem(Problem {
            path: file.path.clone(),
            line: a.line,
            reason: format!(
                "article longer than {} MB, cut there (raise with --max-article-mb)",
                opts.max_article_bytes >> 20
            ),
            skipped: false,
        }));
    }
    a.path = path.to_string();
}

fn read_error(file: &SourceFile, e: std::io::Error) -> String {
    if file.gzip {
        format!("bad gzip data ({e}), skipped")
    } else {
        format!("{e}, skipped")
    }
}

/// Reads one line (without its newline) into `buf`, keeping at most `cap` bytes of it; returns
/// the bytes consumed (0 at the end) and whether the line was longer than `cap`.
fn read_line_capped<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<(usize, bool)> {
    buf.clear();
    let mut consumed = 0;
    let mut too_long = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((consumed, too_long));
        }
        let (piece, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], i + 1),
            None => (chunk, chunk.len()),
        };
        if buf.len() + piece.len() > cap {
            too_long = true;
        } else if !too_long {
            buf.extend_from_slice(piece);
        }
        let newline = done > piece.len();
        r.consume(done);
        consumed += done;
        if newline {
            if too_long {
                buf.clear();
            }
            return Ok((consumed, too_long));
        }
    }
}

/// xxh3 of everything read through it.
struct HashingReader<R> {
    inner: R,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<R: Read> HashingReader<R> {
    fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: xxhash_rust::xxh3::Xxh3::new(),
        }
    }

    fn finish(&self) -> u64 {
        self.hasher.digest()
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Adds the bytes read through it to a counter (one relaxed atomic add per read call).
struct CountingReader<'a, R> {
    inner: R,
    read: &'a AtomicU64,
}

impl<R: Read> Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// xxh3 of a file's bytes on disk, read in a streaming way.
pub fn hash_file(path: &Path) -> std::io::Result<u64> {
    let mut r = HashingReader::new(fs::File::open(path)?);
    std::io::copy(&mut r, &mut std::io::sink())?;
    Ok(r.finish())
}

/// A stable id for an article without one: a hash of its path and its position in the file.
pub fn derived_id(path: &str, position: Option<usize>) -> String {
    let key = match position {
        Some(n) => format!("{path}\u{0}{n}"),
        None => path.to_string(),
    };
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// Decodes file bytes to text: UTF-8 (BOM stripped), UTF-16 with a BOM, else UTF-8 with invalid
/// sequences replaced by U+FFFD — in which case the second value says so.
/// Binary data (NUL bytes among invalid UTF-8) is an `Err`.
pub fn decode(raw: &[u8]) -> Result<(String, Option<String>), String> {
    if let Some(rest) = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode(rest);
    }
    let utf16 = |rest: &[u8], le: bool| -> String {
        let units = rest.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect()
    };
    if let Some(rest) = raw.strip_prefix(&[0xFF, 0xFE]) {
        return Ok((utf16(rest, true), None));
    }
    if let Some(rest) = raw.strip_prefix(&[0xFE, 0xFF]) {
        return Ok((utf16(rest, false), None));
    }
    match std::str::from_utf8(raw) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(_) if raw.iter().take(8192).any(|&b| b == 0) => {
            Err("binary data, not text: skipped".to_string())
        }
        Err(_) => Ok((
            String::from_utf8_lossy(raw).into_owned(),
            Some("invalid UTF-8, decoded with replacement characters".to_string()),
        )),
    }
}
