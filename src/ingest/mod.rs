//! Finding and reading article files: walk folders (sorted, deterministic), pick a reader by
//! extension, decompress `.gz` transparently, decode text, and produce [`Article`]s.
//!
//! Not for extraction (see `extract`) nor for deciding what to re-index (see `commands::index`).

mod formats;
mod html;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::extract::types::CivilDate;
use crate::model::Article;

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

/// The result of reading one file: its articles, and what was wrong with parts of it.
#[derive(Debug, Default)]
pub struct FileRead {
    /// Articles, in file order.
    pub articles: Vec<Article>,
    /// Lines skipped and warnings.
    pub problems: Vec<Problem>,
}

/// Reads every article of `file`. An `Err` means the whole file was skipped, with the reason.
pub fn read(file: &SourceFile, opts: &ReadOptions) -> Result<FileRead, String> {
    parse(file, &read_bytes(file)?, opts)
}

/// Parses the (decompressed) bytes `raw` of `file` into articles.
pub fn parse(file: &SourceFile, raw: &[u8], opts: &ReadOptions) -> Result<FileRead, String> {
    let mut problems = Vec::new();
    let sidecar = formats::Meta::sidecar_for(&file.path).map_err(|e| format!("sidecar: {e}"))?;
    let mut articles = match file.format {
        Format::JsonLines => formats::json_lines(raw, file, &mut problems),
        format => {
            let (text, warning) = decode(raw)?;
            if let Some(w) = warning {
                problems.push(Problem {
                    path: file.path.clone(),
                    line: 0,
                    reason: w,
                    skipped: false,
                });
            }
            match format {
                Format::Text => vec![formats::plain_text(&text)],
                Format::Markdown => vec![formats::markdown(&text)?],
                Format::Html => vec![html::article(&text)],
                Format::Json => formats::json(&text)?,
                Format::JsonLines => unreachable!("handled above"),
            }
        }
    };
    let path = file.path.to_string_lossy().into_owned();
    let many = articles.len() > 1;
    for (n, a) in articles.iter_mut().enumerate() {
        if let Some(meta) = &sidecar {
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
            a.id = derived_id(&path, if many || a.line > 0 { Some(n) } else { None });
        }
        if opts.max_article_bytes > 0 && a.text.len() > opts.max_article_bytes {
            let mut cut = opts.max_article_bytes;
            while !a.text.is_char_boundary(cut) {
                cut -= 1;
            }
            a.text.truncate(cut);
            problems.push(Problem {
                path: file.path.clone(),
                line: a.line,
                reason: format!(
                    "article longer than {} bytes, cut there (raise with --max-article-mb)",
                    opts.max_article_bytes
                ),
                skipped: false,
            });
        }
        a.path = path.clone();
    }
    articles.retain(|a| !a.text.trim().is_empty() || !a.title.trim().is_empty());
    if articles.is_empty() && problems.iter().all(|p| !p.skipped) {
        return Err("no article text found, skipped".to_string());
    }
    Ok(FileRead { articles, problems })
}

/// A stable id for an article without one: a hash of its path and its position in the file.
pub fn derived_id(path: &str, position: Option<usize>) -> String {
    let key = match position {
        Some(n) => format!("{path}\u{0}{n}"),
        None => path.to_string(),
    };
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// Largest file read into memory whole (JSON Lines files are read line by line in the same way,
/// but each line is capped by the article limit instead).
const MAX_FILE_BYTES: u64 = 1 << 30;

/// The bytes of `file`, decompressed when it is gzip.
pub fn read_bytes(file: &SourceFile) -> Result<Vec<u8>, String> {
    let f = fs::File::open(&file.path).map_err(|e| format!("{e}, skipped"))?;
    let mut buf = Vec::new();
    let result = if file.gzip {
        flate2::read::MultiGzDecoder::new(f)
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut buf)
    } else {
        f.take(MAX_FILE_BYTES + 1).read_to_end(&mut buf)
    };
    match result {
        Ok(_) if buf.len() as u64 > MAX_FILE_BYTES => {
            Err(format!("larger than {} MB, skipped", MAX_FILE_BYTES >> 20))
        }
        Ok(_) => Ok(buf),
        Err(e) if file.gzip => Err(format!("bad gzip data ({e}), skipped")),
        Err(e) => Err(format!("{e}, skipped")),
    }
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
