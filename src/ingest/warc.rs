//! WARC web archives (`.warc`, `.warc.gz` with one gzip member per record, as crawls write them):
//! every `response` record whose HTTP payload is HTML becomes an article through the HTML reader,
//! with `WARC-Target-URI` as its url and id and `WARC-Date` as its date when the page gives none.
//! Other records (`request`, `metadata`, `warcinfo`, non-HTML responses) are skipped and counted.
//! HTTP chunked transfer coding and gzip/deflate content coding are undone.
//!
//! Records are streamed one at a time: memory holds one record's block, and a block larger than
//! the cap is skipped unread.

use std::io::{BufRead, Read};

use super::Article;
use super::{formats, html};

/// What reading a WARC stream found besides articles.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Records that were not HTML responses.
    pub skipped: usize,
    /// HTML responses too large or undecodable, each reported through `problem`.
    pub failed: usize,
}

/// What a record gives.
pub enum Found {
    /// An article from an HTML response.
    Article(Article),
    /// Why an HTML response record was skipped.
    Problem(String),
}

/// Reads WARC records from `input`, handing each article and each record-level problem to
/// `found`. `cap` bounds one record's block in bytes. Fails when the stream is not WARC or ends
/// inside a record (a truncated file): what came before is kept.
pub fn read(input: impl Read, cap: usize, mut found: impl FnMut(Found)) -> Result<Counts, String> {
    let mut reader = std::io::BufReader::with_capacity(1 << 16, input);
    let mut counts = Counts::default();
    let mut line = Vec::new();
    let mut first = true;
    loop {
        // Skip the blank lines between records.
        line.clear();
        loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| format!("read error: {e}"))?;
            if n == 0 {
                return Ok(counts);
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                break;
            }
        }
        if !line.starts_with(b"WARC/") {
            return Err(if first {
                "not a WARC file (no WARC/ version line), skipped".to_string()
            } else {
                "damaged WARC: a record does not start with WARC/, the rest skipped".to_string()
            });
        }
        first = false;
        let headers = read_headers(&mut reader)?;
        let get = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let length: usize = get("Content-Length")
            .and_then(|v| v.trim().parse().ok())
            .ok_or("damaged WARC: a record without Content-Length, the rest skipped")?;
        let kind = get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let uri = get("WARC-Target-URI")
            .unwrap_or("")
            .trim()
            .trim_matches(['<', '>'])
            .to_string();
        let date = get("WARC-Date").and_then(formats::parse_date);
        if kind != "response" || length > cap {
            if kind == "response" {
                counts.failed += 1;
                found(Found::Problem(format!(
                    "{uri}: record of {length} bytes is over the article cap, skipped"
                )));
            } else {
                counts.skipped += 1;
            }
            let copied =
                std::io::copy(&mut (&mut reader).take(length as u64), &mut std::io::sink())
                    .map_err(|e| format!("read error: {e}"))?;
            if copied < length as u64 {
                return Err("truncated WARC: the last record ends early".to_string());
            }
            continue;
        }
        let mut block = Vec::with_capacity(length);
        (&mut reader)
            .take(length as u64)
            .read_to_end(&mut block)
            .map_err(|e| format!("read error: {e}"))?;
        if block.len() < length {
            return Err("truncated WARC: the last record ends early".to_string());
        }
        match http_html(&block, cap) {
            Ok(Some(page)) => {
                let mut a = html::article(&page);
                a.url = uri.clone();
                a.id = uri;
                if a.date.is_none() {
                    a.date = date;
                }
                if a.text.trim().is_empty() {
                    counts.skipped += 1;
                } else {
                    found(Found::Article(a));
                }
            }
            Ok(None) => counts.skipped += 1,
            Err(reason) => {
                counts.failed += 1;
                found(Found::Problem(format!("{uri}: {reason}, record skipped")));
            }
        }
    }
}

/// Header lines up to the blank line, as (name, value) pairs.
fn read_headers(reader: &mut impl BufRead) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("read error: {e}"))?;
        if n == 0 {
            return Err("truncated WARC: a record's headers end early".to_string());
        }
        if line.len() > 64 << 10 {
            return Err("damaged WARC: a header line over 64 KB".to_string());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(out);
        }
        if let Some((k, v)) = text.split_once(':') {
            out.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
}

/// The HTML page of an HTTP response block; None when it is not an HTML response.
fn http_html(block: &[u8], cap: usize) -> Result<Option<String>, String> {
    let Some(split) = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))
    else {
        return Ok(None);
    };
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut lines = head.lines();
    if !lines.next().unwrap_or("").starts_with("HTTP/") {
        return Ok(None);
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut coding = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim().to_ascii_lowercase();
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => content_type = v,
                "transfer-encoding" => chunked = v.contains("chunked"),
                "content-encoding" => coding = v,
                _ => {}
            }
        }
    }
    if !(content_type.starts_with("text/html") || content_type.starts_with("application/xhtml")) {
        return Ok(None);
    }
    let mut body = block[split.1..].to_vec();
    if chunked {
        body = dechunk(&body)?;
    }
    let body = match coding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..]), cap)?,
        "deflate" => inflate(flate2::read::ZlibDecoder::new(&body[..]), cap)?,
        other => return Err(format!("unsupported content coding `{other}`")),
    };
    let (text, _) = super::decode(&body)?;
    Ok(Some(text))
}

fn inflate(mut r: impl Read, cap: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    (&mut r)
        .take(cap as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("bad compressed body: {e}"))?;
    if out.len() > cap {
        return Err("decompressed body over the article cap".to_string());
    }
    Ok(out)
}

/// Undoes HTTP/1.1 chunked transfer coding.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let end = find(body, b"\r\n").ok_or("bad chunked body")?;
        let size_text = String::from_utf8_lossy(&body[..end]);
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| "bad chunk size")?;
        body = &body[end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if body.len() < size {
            return Err("chunked body ends early".to_string());
        }
        out.extend_from_slice(&body[..size]);
        body = body[size..].strip_prefix(b"\r\n").unwrap_or(&body[size..]);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One WARC record with `headers` and `block`.
    fn record(kind: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn read_all(input: impl Read) -> (Vec<Article>, Vec<String>, Result<Counts, String>) {
        let (mut arts, mut probs) = (Vec::new(), Vec::new());
        let r = read(input, 1 << 20, |f| match f {
            Found::Article(a) => arts.push(a),
            Found::Problem(p) => probs.push(p),
        });
        (arts, probs, r)
    }

    #[test]
    fn responses_become_articles_and_the_rest_is_counted() {
        let page = "<html><head><title>Vote count</title></head><body><p>The county counted every ballot twice.</p></body></html>";
        let mut records = vec![record(
            "warcinfo",
            "",
            "2020-10-01T00:00:00Z",
            b"software: test",
        )];
        records.push(record(
            "request",
            "https://example.org/a",
            "2020-10-01T00:00:00Z",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        let plain =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
        records.push(record(
            "response",
            "https://example.org/a",
            "2020-10-01T12:00:00Z",
            plain.as_bytes(),
        ));
        // Chunked and gzip-coded.
        let zipped = gzip(page.replace("twice", "three times").as_bytes());
        let mut chunked = format!("{:x}\r\n", 10).into_bytes();
        chunked.extend_from_slice(&zipped[..10]);
        chunked.extend_from_slice(format!("\r\n{:x}\r\n", zipped.len() - 10).as_bytes());
        chunked.extend_from_slice(&zipped[10..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        http.extend(chunked);
        records.push(record(
            "response",
            "https://example.org/b",
            "2020-10-02T12:00:00Z",
            &http,
        ));
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        records.push(record(
            "response",
            "https://example.org/c.png",
            "2020-10-02T12:00:00Z",
            image,
        ));
        let warc: Vec<u8> = records.concat();
        // One gzip member per record, concatenated, as crawls write them.
        let gz: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
        for bytes in [warc.clone(), gz] {
            let input: Box<dyn Read> = if bytes.starts_with(&[0x1f, 0x8b]) {
                Box::new(flate2::read::MultiGzDecoder::new(&bytes[..]))
            } else {
                Box::new(&bytes[..])
            };
            let (arts, probs, counts) = read_all(input);
            let counts = counts.unwrap();
            assert_eq!(arts.len(), 2, "{probs:?}");
            assert_eq!(arts[0].url, "https://example.org/a");
            assert_eq!(arts[0].id, "https://example.org/a");
            assert_eq!(arts[0].title, "Vote count");
            assert_eq!(arts[0].date.unwrap().to_string(), "2020-10-01");
            assert!(arts[1].text.contains("three times"), "{}", arts[1].text);
            assert_eq!(
                counts,
                Counts {
                    skipped: 3,
                    failed: 0
                }
            );
        }
    }

    #[test]
    fn truncated_and_foreign_files_fail_with_one_reason() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Some words here.</p>";
        let warc = record(
            "response",
            "https://example.org/a",
            "2020-10-01T12:00:00Z",
            page,
        );
        let mut two = warc.clone();
        two.extend(&warc[..warc.len() / 2]);
        let (arts, _, r) = read_all(&two[..]);
        assert_eq!(arts.len(), 1);
        assert!(r.unwrap_err().contains("truncated"));
        let (_, _, r) = read_all(&b"<html>not a warc</html>"[..]);
        assert!(r.unwrap_err().contains("not a WARC file"));
    }
}
