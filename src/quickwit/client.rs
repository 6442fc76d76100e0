//! A blocking HTTP client of one Quickwit node's REST API (ureq): index creation, ingest, delete
//! tasks, counts and searches. Every failure is one [`Error::Quickwit`] naming the node and what to
//! do: a bad URL, a node that cannot be reached, a missing index, an error Quickwit reports, a
//! request that takes too long.
//!
//! Not for building queries or documents (see `translate`, `docs`).

use std::time::Duration;

use serde_json::Value as Json;

use crate::error::{Error, Result};

/// How long one request may take unless the caller says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// A connection to one Quickwit node.
pub struct Client {
    base: String,
    agent: ureq::Agent,
    timeout: Duration,
}

/// Quickwit's answer to an ingest request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ingested {
    /// Documents accepted.
    pub ingested: u64,
    /// Documents refused (they do not fit the doc mapping).
    pub rejected: u64,
}

impl Client {
    /// A client of the node at `url` (`http://HOST:PORT`); checks the URL, does not connect.
    pub fn new(url: &str, timeout: Duration) -> Result<Client> {
        let base = url.trim().trim_end_matches('/').to_string();
        let bad = |why: &str| {
            Error::Usage(format!(
            "bad Quickwit URL `{url}`: {why}; give the node's REST address, e.g. http://127.0.0.1:7280 (--quickwit or $DOSSIER_QUICKWIT)"
        ))
        };
        let rest = if let Some(rest) = base.strip_prefix("http://") {
            rest
        } else if base.starts_with("https://") {
            return Err(bad(
                "this build speaks plain HTTP only (put the node behind a local TLS proxy)",
            ));
        } else {
            return Err(bad("it does not start with http://"));
        };
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() || host.contains(char::is_whitespace) || host.contains('@') {
            return Err(bad("no host in it"));
        }
        if let Some((_, port)) = host.rsplit_once(':') {
            if !host.ends_with(']') && port.parse::<u16>().is_err() {
                return Err(bad("its port is not a number"));
            }
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
            .build()
            .into();
        Ok(Client {
            base,
            agent,
            timeout,
        })
    }

    /// The node's URL, as errors name it.
    pub fn node(&self) -> &str {
        &self.base
    }

    fn error(&self, what: impl Into<String>) -> Error {
        Error::Quickwit {
            node: self.base.clone(),
            what: what.into(),
        }
    }

    /// Sends a request; returns the status and the body.
    fn send(
        &self,
        method: &str,
        path: &str,
        content_type: &str,
        body: Option<&[u8]>,
    ) -> Result<(u16, String)> {
        let url = format!("{}{path}", self.base);
        let sent = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .header("content-type", content_type)
                .send(body.unwrap_or_default()),
        };
        let mut response = sent.map_err(|e| self.transport(e))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .map_err(|e| self.transport(e))?;
        Ok((status, text))
    }

    fn transport(&self, e: ureq::Error) -> Error {
        match e {
            ureq::Error::Timeout(_) => self.error(format!(
                "no answer within {} s: check the node's health ({}/health/readyz) and load, then try again",
                self.timeout.as_secs(),
                self.base
            )),
            ureq::Error::HostNotFound => {
                self.error("host not found: check the URL (--quickwit or $DOSSIER_QUICKWIT)")
            }
            ureq::Error::BadUri(why) => self.error(format!(
                "bad URL ({why}): give http://HOST:PORT (--quickwit or $DOSSIER_QUICKWIT)"
            )),
            ureq::Error::ConnectionFailed | ureq::Error::Io(_) => self.error(format!(
                "unreachable ({}): check the URL and that the node runs (`quickwit run`), e.g. with curl {}/health/readyz",
                one_line(&e.to_string()),
                self.base
            )),
            other => self.error(format!(
                "the connection failed ({}): check the URL and the node's health",
                one_line(&other.to_string())
            )),
        }
    }

    /// An error for a non-2xx answer about index `index`.
    fn refused(&self, index: &str, status: u16, body: &str) -> Error {
        // The REST API says `{"message"}`, the Elasticsearch-compatible one `{"error": {"reason"}}`.
        let message = serde_json::from_str::<Json>(body)
            .ok()
            .and_then(|j| {
                j.get("message")
                    .or_else(|| j.pointer("/error/reason"))
                    .and_then(Json::as_str)
                    .map(str::to_string)
            })
            .unwrap_or_else(|| body.to_string());
        let message = one_line(&message);
        if status == 404 && (message.contains("not found") || message.contains("could not find")) {
            return self.error(format!(
                "no index `{index}`: push one with `dossier push --quickwit {} --index-id {index} --from DIR`, or name another with --index-id",
                self.base
            ));
        }
        self.error(format!(
            "request refused ({status}: {message}); check the node's logs"
        ))
    }

    fn json(&self, index: &str, method: &str, path: &str, body: Option<&Json>) -> Result<Json> {
        let bytes = body.map(|b| b.to_string().into_bytes());
        let (status, text) = self.send(method, path, "application/json", bytes.as_deref())?;
        if !(200..300).contains(&status) {
            return Err(self.refused(index, status, &text));
        }
        serde_json::from_str(&text).map_err(|e| {
            self.error(format!(
                "answered something that is not JSON ({e}): is this a Quickwit REST port?"
            ))
        })
    }

    /// Whether the node knows index `id`.
    pub fn index_exists(&self, id: &str) -> Result<bool> {
        let (status, text) = self.send("GET", &format!("/api/v1/indexes/{id}"), "", None)?;
        match status {
            200..=299 => Ok(true),
            404 => Ok(false),
            _ => Err(self.refused(id, status, &text)),
        }
    }

    /// Creates an index from its YAML config.
    pub fn create_index(&self, id: &str, yaml: &str) -> Result<()> {
        let (status, text) = self.send(
            "POST",
            "/api/v1/indexes",
            "application/yaml",
            Some(yaml.as_bytes()),
        )?;
        if !(200..300).contains(&status) {
            return Err(self.refused(id, status, &text));
        }
        Ok(())
    }

    /// Sends NDJSON documents to index `id`; with `wait`, returns once they are searchable (in the
    /// ingest shard that took them: Quickwit commits each shard on its own).
    pub fn ingest(&self, id: &str, ndjson: &[u8], wait: bool) -> Result<Ingested> {
        let commit = if wait { "?commit=wait_for" } else { "" };
        // A new index has no ingest shard for a moment, and a busy one pushes back: both are
        // answered 503 or 429 before anything is persisted, so the request is sent again.
        let started = std::time::Instant::now();
        let mut pause = Duration::from_millis(250);
        let (status, text) = loop {
            let (status, text) = self.send(
                "POST",
                &format!("/api/v1/{id}/ingest{commit}"),
                "application/x-ndjson",
                Some(ndjson),
            )?;
            if !matches!(status, 429 | 503) || started.elapsed() + pause > self.timeout {
                break (status, text);
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_secs(4));
        };
        if !(200..300).contains(&status) {
            return Err(self.refused(id, status, &text));
        }
        let j: Json = serde_json::from_str(&text)
            .map_err(|e| self.error(format!("answered an ingest with something else ({e})")))?;
        let n = |k: &str| j.get(k).and_then(Json::as_u64).unwrap_or(0);
        Ok(Ingested {
            ingested: n("num_ingested_docs"),
            rejected: n("num_rejected_docs"),
        })
    }

    /// Asks Quickwit to delete the documents of index `id` matching `query` (applied in the
    /// background).
    pub fn delete(&self, id: &str, query: &str) -> Result<()> {
        let body = serde_json::json!({ "query": query });
        self.json(
            id,
            "POST",
            &format!("/api/v1/{id}/delete-tasks"),
            Some(&body),
        )?;
        Ok(())
    }

    /// Number of documents of index `id` matching `query`.
    pub fn count(&self, id: &str, query: &str) -> Result<u64> {
        let body = serde_json::json!({ "query": query, "max_hits": 0 });
        let j = self.json(id, "POST", &format!("/api/v1/{id}/search"), Some(&body))?;
        j.get("num_hits")
            .and_then(Json::as_u64)
            .ok_or_else(|| self.error("answered a search without `num_hits`"))
    }

    /// A search through the Elasticsearch-compatible endpoint (which gives scores).
    pub fn es_search(&self, id: &str, body: &Json) -> Result<Json> {
        self.json(
            id,
            "POST",
            &format!("/api/v1/_elastic/{id}/_search"),
            Some(body),
        )
    }
}

/// `s` on one line, at most 300 characters.
fn one_line(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() > 300 {
        flat.chars().take(300).collect::<String>() + "..."
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_checked_before_connecting() {
        for bad in [
            "localhost:7280",
            "https://node:7280",
            "http://",
            "http://host:port",
            "ftp://x",
        ] {
            let e = Client::new(bad, DEFAULT_TIMEOUT)
                .err()
                .expect(bad)
                .to_string();
            assert!(
                !e.contains('\n') && e.contains("Quickwit URL"),
                "{bad}: {e}"
            );
        }
        let c = Client::new("http://127.0.0.1:7280/", DEFAULT_TIMEOUT).unwrap();
        assert_eq!(c.node(), "http://127.0.0.1:7280");
    }

    #[test]
    fn an_unreachable_node_is_one_line_naming_it() {
        // A port nothing listens on: bind one, then drop it.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let c = Client::new(&format!("http://127.0.0.1:{port}"), DEFAULT_TIMEOUT).unwrap();
        let e = c.index_exists("dossier").unwrap_err().to_string();
        assert!(
            e.contains(&format!("127.0.0.1:{port}")) && e.contains("unreachable"),
            "{e}"
        );
        assert!(!e.contains('\n'));
    }
}
