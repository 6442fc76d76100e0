//! Helpers for driving the real `dossier` binary in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary folder with an index path inside it.
pub struct Env {
    pub dir: tempfile::TempDir,
}

/// The result of one run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes `content` at `rel`, creating folders.
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    /// Runs dossier in the folder with the index at `./ix`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(self.dir.path(), args)
    }

    pub fn run_in(&self, cwd: &Path, args: &[&str]) -> Run {
        self.run_with(cwd, &[], args)
    }

    /// Runs dossier in `cwd` with the environment variables `vars` set.
    pub fn run_with(&self, cwd: &Path, vars: &[(&str, &str)], args: &[&str]) -> Run {
        let out: Output = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .current_dir(cwd)
            .env("DOSSIER_INDEX", self.path("ix"))
            .env_remove("NO_COLOR")
            .env_remove("DOSSIER_PROGRESS_INTERVAL_MS")
            .env_remove("DOSSIER_QUICKWIT")
            .envs(vars.iter().copied())
            .args(args)
            .output()
            .expect("run dossier");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs a search with JSON output and parses the hits.
    pub fn hits(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let mut all = vec!["search", "--format", "json"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
        r.stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("valid JSON line"))
            .collect()
    }

    /// `stats --format json`.
    pub fn stats(&self) -> serde_json::Value {
        let r = self.run(&["stats", "--format", "json"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        serde_json::from_str(r.stdout.trim()).expect("stats JSON")
    }
}

/// The passage text a search hit highlights, span by span (its `highlights` are character
/// offsets into its `text`).
pub fn marked(hit: &serde_json::Value) -> Vec<String> {
    let text: Vec<char> = hit["text"].as_str().expect("hit text").chars().collect();
    hit["highlights"]
        .as_array()
        .expect("hit highlights")
        .iter()
        .map(|span| {
            let at = |i: usize| span[i].as_u64().expect("offset") as usize;
            text[at(0)..at(1)].iter().collect()
        })
        .collect()
}
pub mod server;
