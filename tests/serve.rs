//! `dossier serve`'s JSON API against the command line on the same index: every endpoint answers
//! the objects the matching command prints with `--format json`; errors are JSON with the CLI's
//! message; the token, Host and header rules; a concurrent `dossier index` shows without restart.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::server::{enc, Server};
use crate::util::Env;

fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// The CLI's JSON Lines for `args`.
fn cli(env: &Env, args: &[&str]) -> Vec<Value> {
    let r = env.run(args);
    assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
    json_lines(&r.stdout)
}

/// The test corpus of `tests.rs`, plus an exact copy of one article (a near-duplicate cluster).
pub(crate) fn indexed() -> Env {
    let env = Env::new();
    super::corpus(&env);
    env.write(
        "c/e.jsonl",
        "{\"id\":\"e1\",\"title\":\"Hackers again\",\"body\":\"Hackers targeted voter rolls in Illinois.\",\"published\":\"2016-09-02\",\"source\":\"Copy Desk\"}\n",
    );
    let r = env.run(&["index", "c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    env
}

#[test]
fn every_endpoint_answers_what_the_cli_prints() {
    let env = indexed();
    let s = Server::start(&env, &[], &[]);
    assert_eq!(s.url, format!("http://{}/", s.host));
    assert!(s.host.starts_with("127.0.0.1:"), "{}", s.host);

    // search: the hits exactly as `search --format json`; total counted as the hits collapse.
    let page = s.get("/api/search?q=voting&limit=5").json();
    assert_eq!(
        page.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["total", "hits"]
    );
    let hits = cli(&env, &["search", "voting", "-n", "5", "--format", "json"]);
    assert!(!hits.is_empty());
    assert_eq!(page["hits"].as_array().unwrap(), &hits);
    let every = cli(
        &env,
        &["search", "voting", "-n", "1000", "--format", "json"],
    );
    assert_eq!(page["total"], every.len());

    // Filters under the flags' names, repeated; flags as 1.
    let page = s
        .get(&format!(
            "/api/search?q=*&actor={}&quotes=1&since=2020&limit=50",
            enc("Jane Roe")
        ))
        .json();
    let hits = cli(
        &env,
        &[
            "search", "*", "--actor", "Jane Roe", "--quotes", "--since", "2020", "-n", "50",
            "--format", "json",
        ],
    );
    assert!(!hits.is_empty());
    assert_eq!(page["hits"].as_array().unwrap(), &hits);
    assert_eq!(page["total"], hits.len());

    // A source, as facets name it, any case; repeated sources are any of them.
    let page = s
        .get(&format!(
            "/api/search?q=*&source={}&source={}&limit=50",
            enc("example wire"),
            enc("Copy Desk")
        ))
        .json();
    let hits = cli(
        &env,
        &[
            "search",
            "*",
            "--source",
            "Example Wire",
            "--source",
            "copy desk",
            "-n",
            "50",
            "--format",
            "json",
        ],
    );
    assert!(!hits.is_empty());
    assert_eq!(page["hits"].as_array().unwrap(), &hits);
    assert!(hits
        .iter()
        .all(|h| h["source"] == "Example Wire" || h["source"] == "Copy Desk"));
    let others = cli(&env, &["search", "*", "-n", "50", "--format", "json"]);
    assert!(others.len() > hits.len(), "the filter narrows");

    // Paging: offset skips ranked hits, ranks go on.
    let all = cli(&env, &["search", "*", "-n", "4", "--format", "json"]);
    let second = s.get("/api/search?q=*&limit=2&offset=2").json();
    assert_eq!(second["hits"].as_array().unwrap(), &all[2..4]);
    assert_eq!(second["hits"][0]["rank"], 3);

    // Collapsed copies: the copy hides behind its cluster in hits and in total.
    let collapsed = s.get("/api/search?q=hackers&limit=50").json();
    let copies = s.get("/api/search?q=hackers&limit=50&all_copies=1").json();
    assert_eq!(collapsed["hits"].as_array().unwrap().len(), 1);
    assert_eq!(collapsed["total"], 1);
    assert_eq!(collapsed["hits"][0]["copies"], 1);
    assert_eq!(copies["total"], 2);
    assert_eq!(
        copies["hits"].as_array().unwrap(),
        &cli(
            &env,
            &[
                "search",
                "hackers",
                "-n",
                "50",
                "--all-copies",
                "--format",
                "json"
            ]
        )
    );

    // facets, timeline, quotes: the rows of the command, wrapped.
    for by in ["actor", "speaker", "source", "year", "month"] {
        let page = s.get(&format!("/api/facets?by={by}&top=5")).json();
        let rows = cli(
            &env,
            &["facets", "*", "--by", by, "--top", "5", "--format", "json"],
        );
        assert_eq!(page["facets"].as_array().unwrap(), &rows, "by {by}");
        assert!(page["total"].as_u64().unwrap() > 0);
    }
    let page = s.get("/api/timeline?q=voting&q=georgia&by=year").json();
    let rows = cli(
        &env,
        &[
            "timeline", "voting", "georgia", "--by", "year", "--format", "json",
        ],
    );
    assert!(!rows.is_empty());
    assert_eq!(page["points"].as_array().unwrap(), &rows);
    let page = s.get("/api/quotes?q=*").json();
    let rows = cli(&env, &["quotes", "*", "--format", "json"]);
    assert!(!rows.is_empty());
    assert_eq!(page["quotes"].as_array().unwrap(), &rows);

    // export streams the command's JSON Lines; article is one of its objects.
    let export = s.get("/api/export?q=*");
    assert_eq!(export.status, 200);
    assert!(export
        .header("content-type")
        .unwrap()
        .starts_with("application/x-ndjson"));
    let lines = cli(&env, &["export", "*"]);
    assert_eq!(json_lines(&export.body), lines);
    let d1 = lines.iter().find(|a| a["id"] == "d1").unwrap();
    let article = s.get("/api/article/d1").json();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&article), keys(d1));
    for k in keys(d1) {
        assert_eq!(article[&k], d1[&k], "key {k}");
    }
    // An id needing escapes travels percent-encoded.
    assert_eq!(s.get(&format!("/api/article/{}", enc("d2"))).status, 200);

    // stats: the command's object.
    let stats = s.get("/api/stats").json();
    let cli_stats = env.stats();
    assert_eq!(keys(&stats), keys(&cli_stats));
    for k in [
        "articles",
        "passages",
        "actors",
        "first_date",
        "last_date",
        "files",
    ] {
        assert_eq!(stats[k], cli_stats[k], "{k}");
    }
    assert_eq!(s.get("/healthz").json()["status"], "ok");
}

#[test]
fn errors_are_json_lines_with_the_cli_message() {
    let env = indexed();
    let s = Server::start(&env, &[], &[]);
    let error = |path: &str, status: u16| -> String {
        let a = s.get(path);
        assert_eq!(a.status, status, "{path}: {}", a.body);
        assert!(a
            .header("content-type")
            .unwrap()
            .starts_with("application/json"));
        let v = a.json();
        assert_eq!(v.as_object().unwrap().len(), 1, "{}", a.body);
        let msg = v["error"].as_str().unwrap().to_string();
        assert!(!msg.is_empty() && !msg.contains('\n'), "{msg}");
        msg
    };
    // The same one line as the command line (without its `dossier: `).
    for (path, args) in [
        ("/api/search?q=%28voting", vec!["search", "(voting"]),
        ("/api/search?q=nope:x", vec!["search", "nope:x"]),
        (
            "/api/search?q=x&since=2021-02-30",
            vec!["search", "x", "--since", "2021-02-30"],
        ),
        (
            "/api/facets?since=2021&until=2020",
            vec!["facets", "*", "--since", "2021", "--until", "2020"],
        ),
    ] {
        let r = env.run(&args);
        assert_eq!(r.code, 2);
        let cli_msg = r.stderr.trim().trim_start_matches("dossier: ");
        assert_eq!(error(path, 400), cli_msg, "{path}");
    }
    assert!(error("/api/search?q=x&limit=1001", 400).contains("1 to 1000"));
    assert!(error("/api/search?q=x&limit=0", 400).contains("1 to 1000"));
    assert!(error("/api/search?q=x&colour=red", 400).contains("unknown parameter `colour`"));
    assert!(error("/api/search?q=a&q=b", 400).contains("twice"));
    assert!(error("/api/search?q=x&quotes=yes", 400).contains("1 or 0"));
    assert!(error("/api/facets?by=color", 400).contains("actor, speaker, source"));
    let long = "a".repeat(1001);
    assert!(error(&format!("/api/search?q={long}"), 400).contains("at most 1000"));
    let q = std::iter::repeat_n("q=a", 11).collect::<Vec<_>>().join("&");
    assert!(error(&format!("/api/timeline?{q}"), 400).contains("at most 10"));
    assert!(error("/api/article/no-such-id", 404).contains("no-such-id"));
    assert_eq!(s.get("/api/article/%00x").status, 404);
    error("/api/nothing", 404);
    error("/etc/passwd", 404);
    let huge = "a".repeat(9000);
    assert_eq!(s.get(&format!("/api/search?x={huge}")).status, 414);
    // Read-only.
    let a = s.request("POST", "/api/search?q=x", &[], "x");
    assert_eq!(a.status, 405);
    assert!(a.json()["error"].as_str().unwrap().contains("read-only"));
}

#[test]
fn headers_host_and_cors() {
    let env = indexed();
    let s = Server::start(&env, &[], &[]);
    for path in ["/", "/app.js", "/app.css", "/api/stats", "/api/nothing"] {
        let a = s.get(path);
        assert_eq!(
            a.header("content-security-policy")
                .map(|c| c.starts_with("default-src 'self'")),
            Some(true),
            "{path}"
        );
        assert_eq!(a.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(a.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(a.header("access-control-allow-origin"), None);
    }
    assert!(s.get("/").body.contains("<script src=\"/app.js\""));
    assert!(s
        .get("/app.js")
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    // No other origin without --cors, even when asked.
    let a = s.request(
        "GET",
        "/api/stats",
        &[("Origin", "https://example.org")],
        "",
    );
    assert_eq!(a.header("access-control-allow-origin"), None);
    // A page elsewhere reaching the loopback server by another name (DNS rebinding) is refused.
    let a = s.request("GET", "/api/stats", &[("Host", "attacker.example:80")], "");
    assert_eq!(a.status, 421);
    let a = s.request(
        "GET",
        "/api/stats",
        &[("Host", &s.host.replace("127.0.0.1", "localhost"))],
        "",
    );
    assert_eq!(a.status, 200);
    drop(s);

    let s = Server::start(&env, &["--cors", "https://example.org"], &[]);
    let a = s.request(
        "GET",
        "/api/stats",
        &[("Origin", "https://example.org")],
        "",
    );
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("https://example.org")
    );
    let a = s.request(
        "GET",
        "/api/stats",
        &[("Origin", "https://other.example")],
        "",
    );
    assert_eq!(a.header("access-control-allow-origin"), None);
    let a = s.request(
        "OPTIONS",
        "/api/search",
        &[
            ("Origin", "https://example.org"),
            ("Access-Control-Request-Method", "GET"),
        ],
        "",
    );
    assert_eq!(a.status, 204);
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("https://example.org")
    );
}

#[test]
fn a_token_is_required_off_loopback_and_enforced_when_given() {
    let env = indexed();
    // Another address without a token: refused before listening, in one line.
    for addr in ["0.0.0.0:0", "[::]:0"] {
        let r = env.run(&["serve", "--addr", addr]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert!(
            r.stderr.contains("refusing") && r.stderr.contains("--token"),
            "{}",
            r.stderr
        );
    }
    let r = env.run(&["serve", "--addr", "nowhere"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bad --addr"), "{}", r.stderr);
    let r = env.run_with(
        env.dir.path(),
        &[("DOSSIER_INDEX", env.path("none").to_str().unwrap())],
        &["serve", "--addr", "127.0.0.1:0"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no index"), "{}", r.stderr);

    let s = Server::start(&env, &[], &[("DOSSIER_TOKEN", "s3cret-token")]);
    let a = s.get("/api/stats");
    assert_eq!(a.status, 401);
    assert!(a.json()["error"].as_str().unwrap().contains("Bearer"));
    let a = s.request(
        "GET",
        "/api/stats",
        &[("Authorization", "Bearer wrong")],
        "",
    );
    assert_eq!(a.status, 401);
    let a = s.request(
        "GET",
        "/api/stats",
        &[("Authorization", "Bearer s3cret-token")],
        "",
    );
    assert_eq!(a.status, 200);
    let a = s.request(
        "GET",
        "/api/search?q=x",
        &[("Cookie", "dossier_token=s3cret-token")],
        "",
    );
    assert_eq!(a.status, 200);
    // The page sends a browser to the login form, which sets the cookie.
    let a = s.get("/");
    assert_eq!((a.status, a.header("location")), (303, Some("/login")));
    assert_eq!(s.get("/login").status, 200);
    assert_eq!(s.get("/app.js").status, 303);
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    let a = s.request("POST", "/login", &[form], "token=wrong");
    assert_eq!(a.header("location"), Some("/login#wrong"));
    assert_eq!(a.header("set-cookie"), None);
    let a = s.request("POST", "/login", &[form], "token=s3cret-token");
    assert_eq!(a.header("location"), Some("/"));
    let cookie = a.header("set-cookie").unwrap();
    assert!(cookie.starts_with("dossier_token=s3cret-token;") && cookie.contains("HttpOnly"));
    assert_eq!(s.get("/healthz").status, 200);
}

#[test]
fn new_commits_show_without_a_restart() {
    let env = indexed();
    let s = Server::start(&env, &[], &[]);
    assert_eq!(s.get("/api/search?q=zeppelin").json()["total"], 0);
    env.write(
        "c/new.jsonl",
        "{\"id\":\"z1\",\"title\":\"Airships\",\"body\":\"A zeppelin flew over the count center.\",\"published\":\"2022-03-01\"}\n",
    );
    let r = env.run(&["index", "c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let start = Instant::now();
    loop {
        let page = s.get("/api/search?q=zeppelin").json();
        if page["total"] == 1 {
            assert_eq!(page["hits"][0]["doc_id"], "z1");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no reload: {page}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        s.get("/api/stats").json()["articles"],
        env.stats()["articles"]
    );
}

#[test]
fn a_slow_client_cannot_hold_the_server() {
    let env = indexed();
    let s = Server::start(&env, &[], &[("DOSSIER_SERVE_HEADER_TIMEOUT_MS", "500")]);
    // Half a request, never finished; and an idle connection that sends nothing.
    let mut slow = std::net::TcpStream::connect(&s.host).unwrap();
    slow.write_all(b"GET /api/stats HTTP/1.1\r\nHost: ")
        .unwrap();
    let idle = std::net::TcpStream::connect(&s.host).unwrap();
    // Others are served meanwhile.
    assert_eq!(s.get("/api/stats").status, 200);
    for mut c in [slow, idle] {
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let start = Instant::now();
        let mut buf = Vec::new();
        // The server closes the connection (perhaps after a 408) once the timeout passes.
        let _ = c.read_to_end(&mut buf);
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "connection held {:?}",
            start.elapsed()
        );
    }
}
