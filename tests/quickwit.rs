//! dossier against a real Quickwit cluster on loopback: one node with every service and two
//! searcher-only nodes (distinct free ports, a temporary folder for the metastore and the index),
//! started once for the whole test and killed by a guard even when an assertion fails.
//!
//! The binary comes from `$QUICKWIT_BIN`, else `../shared/bin/quickwit`; without either the test
//! says so in one line and passes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value as Json;

use crate::util::{Env, Run};

/// The Quickwit binary, if there is one.
fn quickwit_bin() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("QUICKWIT_BIN") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bin/quickwit");
    p.is_file().then_some(p)
}

/// A REST port whose next port (gRPC) is free too.
fn free_port_pair(taken: &[u16]) -> u16 {
    loop {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let p = l.local_addr().unwrap().port();
        if p < 65000
            && !taken.iter().any(|t| t.abs_diff(p) <= 1)
            && std::net::TcpListener::bind(("127.0.0.1", p + 1)).is_ok()
            && std::net::UdpSocket::bind(("127.0.0.1", p)).is_ok()
        {
            return p;
        }
    }
}

struct Node {
    child: Child,
    port: u16,
}

/// A local cluster; dropping it kills every node.
struct Cluster {
    nodes: Vec<Node>,
    dir: tempfile::TempDir,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for n in &mut self.nodes {
            let _ = n.child.kill();
            let _ = n.child.wait();
        }
    }
}

impl Cluster {
    fn start(bin: &Path) -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("indexes");
        std::fs::create_dir_all(&shared).unwrap();
        let mut ports = Vec::new();
        for _ in 0..3 {
            let p = free_port_pair(&ports);
            ports.push(p);
        }
        let mut cluster = Cluster {
            nodes: Vec::new(),
            dir,
        };
        for (i, &port) in ports.iter().enumerate() {
            let name = format!("node-{}", i + 1);
            let data = cluster.dir.path().join(&name);
            std::fs::create_dir_all(&data).unwrap();
            let config = format!(
                "version: 0.8\ncluster_id: dossier-test\nnode_id: {name}\nlisten_address: 127.0.0.1\n\
                 rest:\n  listen_port: {port}\npeer_seeds: [127.0.0.1:{}]\ndata_dir: {}\n\
                 metastore_uri: file://{}\ndefault_index_root_uri: file://{}\n",
                ports[0],
                data.display(),
                shared.display(),
                shared.display()
            );
            let config_path = cluster.dir.path().join(format!("{name}.yaml"));
            std::fs::write(&config_path, config).unwrap();
            let log =
                std::fs::File::create(cluster.dir.path().join(format!("{name}.log"))).unwrap();
            let mut cmd = Command::new(bin);
            cmd.arg("run")
                .arg("--config")
                .arg(&config_path)
                .env("QW_DISABLE_TELEMETRY", "1")
                .stdin(Stdio::null())
                .stdout(log.try_clone().unwrap())
                .stderr(log);
            if i > 0 {
                cmd.env("QW_ENABLED_SERVICES", "searcher");
            }
            let child = cmd.spawn().expect("start quickwit");
            cluster.nodes.push(Node { child, port });
        }
        let deadline = Instant::now() + Duration::from_secs(90);
        for n in &cluster.nodes {
            while get(n.port, "/health/readyz").as_deref() != Some("true") {
                assert!(Instant::now() < deadline, "node on {} not ready", n.port);
                std::thread::sleep(Duration::from_millis(200));
            }
        }
        // Every node sees three ready nodes.
        for n in &cluster.nodes {
            loop {
                let ready = get(n.port, "/api/v1/cluster")
                    .and_then(|b| serde_json::from_str::<Json>(&b).ok())
                    .and_then(|j| j["ready_nodes"].as_array().map(Vec::len))
                    .unwrap_or(0);
                if ready == 3 {
                    break;
                }
                assert!(Instant::now() < deadline, "cluster did not form");
                std::thread::sleep(Duration::from_millis(200));
            }
        }
        cluster
    }

    fn url(&self, i: usize) -> String {
        format!("http://127.0.0.1:{}", self.nodes[i].port)
    }

    fn kill(&mut self, i: usize) {
        let _ = self.nodes[i].child.kill();
        let _ = self.nodes[i].child.wait();
    }
}

fn get(port: u16, path: &str) -> Option<String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(5)))
        .build()
        .into();
    let mut r = agent
        .get(format!("http://127.0.0.1:{port}{path}"))
        .call()
        .ok()?;
    r.body_mut().read_to_string().ok()
}

/// Generated articles: dates over three years, people quoted, places and organizations named.
fn write_corpus(env: &Env) {
    let people = [
        ("Jane Roe", "the trade minister"),
        ("Vladimir Putin", "the Russian president"),
        ("Angela Merkel", "the German chancellor"),
        ("John Smith", "a county clerk"),
    ];
    let topics = [
        ("tariffs", "steel tariffs", "trade deficit"),
        ("election", "voting systems", "election security"),
        ("vaccine", "vaccine trial", "health care"),
        ("sanctions", "oil prices", "energy exports"),
        ("immigration", "border wall", "asylum claims"),
    ];
    let mut lines = String::new();
    for i in 0..40usize {
        let (name, role) = people[i % people.len()];
        let (word, phrase, other) = topics[(i / 2) % topics.len()];
        let year = 2019 + (i % 3);
        let month = 1 + (i * 5) % 12;
        let day = 1 + (i * 7) % 27;
        let mut text = format!(
            "{name}, {role}, spoke about {phrase} in Berlin on Monday. The debate over {word} \
             has run for months, and officials in Washington said the {other} figures for \
             {year} would be published in March {year}."
        );
        text.push_str(&format!(
            "\n\n\"We will not accept new {word} without a vote,\" {name} said. Reporters asked \
             about the {other} twice, and the answer stayed the same on each occasion."
        ));
        if i % 3 == 0 {
            text.push_str(&format!(
                "\n\nInterference claims followed. Immigration lawyers and interfering lobbyists \
                 met in Ohio to discuss {phrase} and the {other} in detail."
            ));
        }
        if i % 4 == 1 {
            text.push_str(
                "\n\nCritics called it fake news. The United States and China traded claims about \
                 the agreement during the summit.",
            );
        }
        let obj = serde_json::json!({
            "id": format!("g{i:02}"),
            "title": format!("{} {} report {i}", word[..1].to_uppercase() + &word[1..], phrase),
            "date": format!("{year}-{month:02}-{day:02}"),
            "source": if i % 2 == 0 { "Example Wire" } else { "Example Times" },
            "text": text,
        });
        lines.push_str(&obj.to_string());
        lines.push('\n');
        if i == 1 {
            // A copy under another id and title: one near-duplicate cluster.
            let mut copy = obj.clone();
            copy["id"] = "g01copy".into();
            copy["title"] = "Wire copy".into();
            lines.push_str(&copy.to_string());
            lines.push('\n');
        }
    }
    // An undated article, and one copy of another (a near-duplicate cluster).
    lines.push_str(&serde_json::json!({"id": "u1", "title": "Undated tariffs note", "text": "Tariffs on steel rose again, officials said, and the trade deficit widened."}).to_string());
    lines.push('\n');
    // Before 1972, which Quickwit cannot take as a Unix timestamp.
    lines.push_str(&serde_json::json!({"id": "old1", "title": "Tariffs in 1965", "date": "1965-05-04", "text": "Steel tariffs were debated in 1950 and again on May 4, 1965, officials said."}).to_string());
    lines.push('\n');
    env.write("c/generated.jsonl", lines);
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for entry in std::fs::read_dir(corpus).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        env.write(&format!("c/{name}"), std::fs::read(&p).unwrap());
    }
}

/// The passages of JSON hits, in order: `doc_id#passage`.
fn ids(hits: &[Json]) -> Vec<String> {
    hits.iter()
        .map(|h| format!("{}#{}", h["doc_id"].as_str().unwrap(), h["passage"]))
        .collect()
}

fn json_lines(r: &Run) -> Vec<Json> {
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// Runs `search ARGS --format json` locally and through Quickwit at `url`.
fn both(env: &Env, url: &str, args: &[&str]) -> (Vec<Json>, Vec<Json>) {
    let mut all = vec!["search", "--format", "json"];
    all.extend_from_slice(args);
    let local = env.run(&all);
    assert!(local.code <= 1, "{args:?}: {}", local.stderr);
    all.extend_from_slice(&["--timeout", "30"]);
    let remote = env.run_with(env.dir.path(), &[("DOSSIER_QUICKWIT", url)], &all);
    assert_eq!(remote.code, local.code, "{args:?}: {}", remote.stderr);
    (json_lines(&local), json_lines(&remote))
}

#[test]
fn quickwit_cluster_answers_as_the_local_index() {
    let Some(bin) = quickwit_bin() else {
        eprintln!("quickwit tests skipped: no $QUICKWIT_BIN and no ../shared/bin/quickwit");
        return;
    };
    let started = Instant::now();
    let mut cluster = Cluster::start(&bin);
    let env = Env::new();
    write_corpus(&env);
    let r = env.run(&["index", "c", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let passages = env.stats()["passages"].as_u64().unwrap();
    assert!(passages > 45, "{passages} passages");

    // Export and push through the indexer node.
    let r = env.run(&["export", "--to", "quickwit", "--out", "ex"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let docs = std::fs::read_to_string(env.path("ex/docs.ndjson")).unwrap();
    assert_eq!(docs.lines().count() as u64, passages);
    let r = env.run(&["push", "--quickwit", &cluster.url(0), "--from", "ex"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("(created)"), "{}", r.stderr);
    // A second push sends nothing.
    let r = env.run(&["push", "--quickwit", &cluster.url(0), "--from", "ex"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("pushed 0 documents"), "{}", r.stderr);

    // Every passage is searchable, from a searcher-only node.
    let (local, remote) = both(
        &env,
        &cluster.url(1),
        &["*", "-n", "100000", "--all-copies"],
    );
    assert_eq!(remote.len() as u64, passages);
    assert_eq!(local.len(), remote.len());

    // The same hits: ids, keys, highlights (scores within float rounding).
    let queries: &[&[&str]] = &[
        &["election"],
        &["\"voting systems\""],
        &["\"trade deficit\" tariffs"],
        &["interfer*"],
        &["immigra* lawyers"],
        &["vaccin* trial"],
        &["russia OR china"],
        &["(tariffs OR sanctions) -vaccine"],
        &["NOT election", "--sort", "date"],
        &["title:tariffs"],
        &["quote:vote"],
        &["actor:putin"],
        &["speaker:roe"],
        &["text:berlin officials"],
        &["tariffs", "--since", "2020", "--until", "2020-12"],
        &["*", "--actor", "putin", "--sort", "date"],
        &["*", "--speaker", "jane roe", "--sort", "date"],
        &["*", "--quotes", "--sort", "date", "-n", "25"],
        &["*", "--mentions", "2020-03", "--sort", "date"],
        &["*", "--source", "EXAMPLE wire", "--sort", "date"],
        &["*", "--since", "2020-06", "--sort", "date", "-n", "30"],
        &["*", "--until", "2019", "--sort", "date"],
        &[
            "\"fake news\"",
            "--actor",
            "united states",
            "--since",
            "2019",
        ],
        &["election", "--per-article", "1", "-n", "5"],
        &["tariffs", "--all-copies", "--sort", "date"],
    ];
    let mut agreement = 0.0;
    for q in queries {
        let (local, remote) = both(&env, &cluster.url(1), q);
        assert!(!local.is_empty(), "{q:?} matches nothing locally");
        let (l, r) = (ids(&local), ids(&remote));
        if q.contains(&"*") {
            assert_eq!(
                l, r,
                "{q:?}: filter-only queries sorted by date are identical"
            );
        }
        let common = l.iter().filter(|id| r.contains(id)).count();
        agreement += common as f64 / l.len().max(r.len()) as f64;
        for (a, b) in local.iter().zip(&remote) {
            let keys = |h: &Json| h.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(a), keys(b), "{q:?}: JSON keys");
            if a["doc_id"] == b["doc_id"] && a["passage"] == b["passage"] {
                for key in [
                    "highlights",
                    "title_highlights",
                    "text",
                    "title",
                    "date",
                    "actors",
                    "quotes",
                    "dates",
                    "cluster",
                    "copies",
                    "line",
                    "path",
                    "source",
                ] {
                    assert_eq!(a[key], b[key], "{q:?}: {key}");
                }
                let (sa, sb) = (a["score"].as_f64().unwrap(), b["score"].as_f64().unwrap());
                assert!(
                    (sa - sb).abs() <= 1e-4 * sa.abs().max(1.0),
                    "{q:?}: score {sa} vs {sb}"
                );
            }
        }
    }
    let average = agreement / queries.len() as f64;
    eprintln!(
        "quickwit: top-10 agreement {average:.3} over {} queries",
        queries.len()
    );
    assert!(average >= 0.9, "agreement {average}");

    // Facets from Quickwit's aggregations: by source exactly the local rows; by name, the same
    // passages for most names, never more than locally (the local view also joins variants).
    let url1 = cluster.url(1);
    let facets = |q: &str, by: &str, remote: bool| {
        let args = ["facets", q, "--by", by, "--top", "100", "--format", "json"];
        let vars: &[(&str, &str)] = if remote {
            &[("DOSSIER_QUICKWIT", url1.as_str())]
        } else {
            &[]
        };
        let r = env.run_with(env.dir.path(), vars, &args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        json_lines(&r)
    };
    for q in ["*", "tariffs OR election"] {
        for by in ["source", "year", "month"] {
            let local = facets(q, by, false);
            assert!(!local.is_empty(), "{q} by {by}");
            assert_eq!(local, facets(q, by, true), "{q} by {by}");
        }
        for by in ["actor", "speaker"] {
            let (local, remote) = (facets(q, by, false), facets(q, by, true));
            assert!(!remote.is_empty(), "{q} by {by}");
            let mut shared = 0;
            for r in &remote {
                if let Some(l) = local.iter().find(|l| l["value"] == r["value"]) {
                    // Locally the name also counts the passages of its variants.
                    let n = |h: &Json, k: &str| h[k].as_u64().unwrap();
                    assert!(
                        n(l, "passages") >= n(r, "passages"),
                        "{q} by {by}: {}",
                        r["value"]
                    );
                    assert!(
                        n(l, "articles") >= n(r, "articles"),
                        "{q} by {by}: {}",
                        r["value"]
                    );
                    shared += usize::from(n(l, "passages") == n(r, "passages"));
                }
            }
            assert!(
                shared * 2 >= remote.len(),
                "{q} by {by}: {shared} of {}",
                remote.len()
            );
        }
    }
    analysis_views_as_the_local_ones(&env, &url1);
    serve_answers_from_the_cluster(&env, &url1, passages);

    // Text output is the local text output.
    let text = |url: Option<&str>| {
        let args = ["search", "\"voting systems\"", "--color", "never"];
        match url {
            Some(u) => env.run_with(env.dir.path(), &[("DOSSIER_QUICKWIT", u)], &args),
            None => env.run(&args),
        }
        .stdout
    };
    assert_eq!(text(None), text(Some(&cluster.url(2))));

    // Errors: one line naming the node, exit 2.
    let one_line = |r: &Run, what: &str| {
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
        assert!(r.stderr.contains(what), "{what}: {}", r.stderr);
    };
    let url0 = cluster.url(0);
    one_line(
        &env.run(&["search", "x", "--quickwit", &url0, "--index-id", "nothere"]),
        "no index `nothere`",
    );
    one_line(
        &env.run(&["search", "x", "--quickwit", "localhost:7280"]),
        "bad Quickwit URL",
    );
    one_line(
        &env.run(&["push", "--quickwit", &url0, "--from", "nothing-here"]),
        "export --to quickwit",
    );

    // A push killed with kill -9 and run again ends with exactly the export's documents.
    let killed_url = cluster.url(0);
    let push_args = [
        "push",
        "--quickwit",
        &killed_url,
        "--index-id",
        "killed",
        "--from",
        "ex",
        "--batch-kb",
        "1",
    ];
    let mut push = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(env.dir.path())
        .args(push_args)
        .arg("-q")
        .env_remove("DOSSIER_QUICKWIT")
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let acked = std::fs::read_dir(env.path("ex"))
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("push-killed-"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .map(|t| t.lines().filter(|l| l.starts_with("acked")).count())
            .sum::<usize>();
        if acked >= 15 {
            break;
        }
        assert!(
            push.try_wait().unwrap().is_none(),
            "the push ended before it was killed"
        );
        assert!(Instant::now() < deadline, "the push did not get going");
        std::thread::sleep(Duration::from_millis(5));
    }
    push.kill().unwrap();
    push.wait().unwrap();
    let r = env.run(&push_args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let resumed = r.stderr.split(" already there").next().unwrap_or_default();
    let skipped: usize = resumed
        .rsplit('(')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(skipped >= 15, "the second run resumed: {}", r.stderr);
    eprintln!("quickwit: resumed push: {}", r.stderr.trim());
    assert_eq!(r.code, 0, "{}", r.stderr);
    every_passage_once(&env, &killed_url, "killed", passages);

    // A batch that reached Quickwit only in part is deleted with the delete API and sent again.
    partly_sent_batch_is_deleted_and_resent(&env, &cluster.url(0), passages);

    // Killing a searcher leaves the others answering; the dead one is a clear error, not a hang.
    cluster.kill(2);
    let dead = cluster.url(2);
    for i in 0..6 {
        let url = if i % 2 == 0 {
            cluster.url(0)
        } else {
            cluster.url(1)
        };
        let t = Instant::now();
        let r = env.run(&[
            "search",
            "election",
            "--quickwit",
            &url,
            "--timeout",
            "20",
            "--format",
            "json",
        ]);
        assert!(t.elapsed() < Duration::from_secs(25), "a search hung");
        assert!(
            r.code == 0 || (r.code == 2 && r.stderr.trim().lines().count() == 1),
            "{}",
            r.stderr
        );
        if i >= 2 {
            assert_eq!(r.code, 0, "the cluster recovers: {}", r.stderr);
        }
    }
    one_line(
        &env.run(&["search", "x", "--quickwit", &dead, "--timeout", "5"]),
        "unreachable",
    );
    eprintln!(
        "quickwit: cluster test took {:.0} s",
        started.elapsed().as_secs_f64()
    );
}

/// `timeline` and `quotes` through Quickwit give the local rows (one split: exact counts).
fn analysis_views_as_the_local_ones(env: &Env, url: &str) {
    let view = |args: &[&str], remote: bool| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--format", "json"]);
        let vars: &[(&str, &str)] = if remote {
            &[("DOSSIER_QUICKWIT", url)]
        } else {
            &[]
        };
        let r = env.run_with(env.dir.path(), vars, &all);
        assert_eq!(r.code, 0, "{args:?} (remote: {remote}): {}", r.stderr);
        json_lines(&r)
    };
    let cases: &[&[&str]] = &[
        &["timeline", "*", "--by", "month"],
        &["timeline", "tariffs", "election", "--by", "week"],
        &["timeline", "*", "--by", "year", "--all-copies"],
        &["timeline", "*", "--by", "day", "--actor", "putin"],
        &["timeline", "*", "--by", "month", "--mentions-axis"],
        &["timeline", "*", "--by", "year", "--mentions-axis"],
        &["quotes", "*", "-n", "1000"],
        &["quotes", "*", "--speaker", "jane roe", "--sort", "speaker"],
        &["quotes", "tariffs", "--all-copies", "--since", "2020"],
    ];
    for args in cases {
        let (local, remote) = (view(args, false), view(args, true));
        assert!(!local.is_empty(), "{args:?} gives nothing locally");
        assert_eq!(local, remote, "{args:?}");
    }
}

/// `dossier serve --quickwit`: the page's endpoints answer from the cluster as the local server
/// answers from the index; export, which needs the local index, says so.
fn serve_answers_from_the_cluster(env: &Env, url: &str, passages: u64) {
    use crate::util::server::Server;
    let local = Server::start(env, &[], &[]);
    let remote = Server::start(env, &["--quickwit", url], &[]);
    let stats = remote.get("/api/stats");
    assert_eq!(stats.status, 200, "{}", stats.body);
    let (ls, rs) = (local.get("/api/stats").json(), stats.json());
    assert_eq!(rs["passages"].as_u64(), Some(passages));
    for key in ["articles", "actors", "first_date", "last_date"] {
        assert_eq!(ls[key], rs[key], "stats {key}");
    }
    for path in [
        "/api/search?q=election&limit=5",
        "/api/search?q=election&per_article=1&limit=5",
        "/api/search?q=election&all_copies=1&limit=5",
        "/api/search?q=*&actor=putin&sort=date&limit=100",
        "/api/facets?q=*&by=source",
        "/api/timeline?q=tariffs&q=election&by=month",
        "/api/quotes?q=*&limit=500",
    ] {
        let (l, r) = (local.get(path), remote.get(path));
        assert_eq!((l.status, r.status), (200, 200), "{path}: {}", r.body);
        let (mut l, mut r) = (l.json(), r.json());
        if path.starts_with("/api/search") {
            // Scores differ in float rounding; the rest is the same.
            for page in [&mut l, &mut r] {
                for h in page["hits"].as_array_mut().unwrap() {
                    h.as_object_mut().unwrap().remove("score");
                }
            }
        }
        assert_eq!(l, r, "{path}");
    }
    let hit = &local.get("/api/search?q=election&limit=1").json()["hits"][0];
    let id = hit["doc_id"].as_str().unwrap();
    let path = format!("/api/article/{}", crate::util::server::enc(id));
    let (l, r) = (local.get(&path).json(), remote.get(&path).json());
    assert_eq!(r["id"], l["id"]);
    assert_eq!(r["title"], l["title"]);
    assert_eq!(
        r["passages"].as_array().map(Vec::len),
        l["passages"].as_array().map(Vec::len)
    );
    // The article through Quickwit is its passages: each one is in the local text.
    let text = l["text"].as_str().unwrap();
    let chars: Vec<char> = r["text"].as_str().unwrap().chars().collect();
    for p in r["passages"].as_array().unwrap() {
        let (a, b) = (
            p["start"].as_u64().unwrap() as usize,
            p["end"].as_u64().unwrap() as usize,
        );
        let passage: String = chars[a..b].iter().collect();
        assert!(text.contains(&passage), "{passage}");
    }
    assert_eq!(remote.get("/api/article/no-such-article").status, 404);
    let export = remote.get("/api/export?q=election");
    assert_eq!(export.status, 501, "{}", export.body);
    assert!(
        export.body.contains("needs a local index"),
        "{}",
        export.body
    );
    // A wrong index id is one line at start, not an error per request.
    let r = env.run(&["serve", "--quickwit", url, "--index-id", "nothere"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("no index `nothere`"), "{}", r.stderr);
}

/// Index `partial` holds half of the export's only batch (4 MB batches: the export is smaller)
/// and the ledger says it was sent but not acknowledged, as after a push killed mid-request.
fn partly_sent_batch_is_deleted_and_resent(env: &Env, url: &str, passages: u64) {
    let info: Json =
        serde_json::from_str(&std::fs::read_to_string(env.path("ex/export.json")).unwrap())
            .unwrap();
    let export_id = info["export_id"].as_u64().unwrap();
    let docs = std::fs::read_to_string(env.path("ex/docs.ndjson")).unwrap();
    let config = std::fs::read_to_string(env.path("ex/index-config.yaml"))
        .unwrap()
        .replace("index_id: dossier", "index_id: partial");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    agent
        .post(format!("{url}/api/v1/indexes"))
        .header("content-type", "application/yaml")
        .send(config.as_str())
        .expect("create index partial");
    let tag = export_id << 32;
    let half: String = docs
        .lines()
        .take(docs.lines().count() / 2)
        .map(|l| format!("{{\"batch\":{tag},{}\n", &l[1..]))
        .collect();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        // A new index has no ingest shard for a moment.
        let r = agent
            .post(format!("{url}/api/v1/partial/ingest?commit=wait_for"))
            .send(half.as_str());
        if r.is_ok() {
            break;
        }
        assert!(Instant::now() < deadline, "cannot ingest: {r:?}");
        std::thread::sleep(Duration::from_millis(500));
    }
    let node_key = xxhash_rust::xxh3::xxh3_64(url.as_bytes()) as u32;
    let header = format!(
        "dossier push ledger v1 batch_bytes={} docs_bytes={} export_id={export_id}",
        4096 << 10,
        docs.len()
    );
    env.write(
        &format!("ex/push-partial-{node_key:08x}.ledger"),
        format!("{header}\n\nsent 0\n"),
    );
    let r = env.run(&[
        "push",
        "--quickwit",
        url,
        "--index-id",
        "partial",
        "--from",
        "ex",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("1 resumed"), "{}", r.stderr);
    every_passage_once(env, url, "partial", passages);
}

/// Index `index_id` holds each of the `passages` passages exactly once.
fn every_passage_once(env: &Env, url: &str, index_id: &str, passages: u64) {
    let all = env.run_with(
        env.dir.path(),
        &[("DOSSIER_QUICKWIT", url)],
        &[
            "search",
            "*",
            "-n",
            "100000",
            "--all-copies",
            "--format",
            "json",
            "--index-id",
            index_id,
        ],
    );
    assert_eq!(all.code, 0, "{}", all.stderr);
    let got = ids(&json_lines(&all));
    let unique: HashSet<&String> = got.iter().collect();
    assert_eq!(unique.len(), got.len(), "{index_id}: no passage twice");
    assert_eq!(got.len() as u64, passages, "{index_id}: every passage once");
}
