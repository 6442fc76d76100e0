//! `dossier serve`'s page in a real headless Chromium, driven over WebDriver (chromedriver and
//! fantoccini): search, highlights, facets, the timeline, the article view, back and forward, a
//! phone width; and an index of hostile documents that must render as text and run nothing.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); without them each
//! test prints one line saying so and passes. Screenshots go to `target/serve-screenshots/`.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::util::server::Server;
use crate::util::Env;

/// A chromedriver on a free port; killed when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find_on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// chromedriver and a Chromium, or a line saying why the test cannot run.
fn driver() -> Option<Driver> {
    let Some(exe) = find_on_path(&["chromedriver"]) else {
        println!("browser test skipped: no chromedriver on PATH (apt-get install chromium chromium-driver)");
        return None;
    };
    if find_on_path(&["chromium", "chromium-browser", "google-chrome"]).is_none() {
        println!(
            "browser test skipped: no chromium on PATH (apt-get install chromium chromium-driver)"
        );
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(exe)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Driver { child, port })
}

async fn browser(d: &Driver) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({"args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                        "--disable-dev-shm-usage", "--window-size=1280,900"]}),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", d.port))
        .await
        .expect("a WebDriver session")
}

fn run<F: std::future::Future<Output = ()>>(f: F) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f);
}

/// Waits until the page has rendered its current state (its body says `ready`) and, when given,
/// the URL contains `url_part`.
async fn settled(c: &Client, url_part: Option<&str>) {
    let start = Instant::now();
    loop {
        let state = c
            .execute(
                "return document.body && document.body.dataset.state",
                vec![],
            )
            .await
            .unwrap();
        let url = location(c).await;
        if state == "ready" && url_part.is_none_or(|p| url.contains(p)) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "page not ready (state {state}, url {url}, waiting for {url_part:?})"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap()
}

async fn location(c: &Client) -> String {
    c.current_url().await.unwrap().to_string()
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// History back, and the page re-rendered.
async fn back(c: &Client) {
    c.back().await.unwrap();
    settled(c, None).await;
}

async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css)).await.unwrap().len()
}

async fn shot(c: &Client, name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/serve-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::write(dir.join(name), png).unwrap();
}

#[test]
fn the_page_searches_filters_and_opens_articles() {
    let Some(d) = driver() else { return };
    let env = crate::serve::indexed();
    let s = Server::start(&env, &[], &[]);
    run(async {
        let c = browser(&d).await;
        c.goto(&s.url).await.unwrap();
        settled(&c, None).await;
        let stats = c
            .find(Locator::Id("stats"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(stats.contains("articles") && stats.contains("6"), "{stats}");

        // `/` focuses the search box; Enter searches.
        c.find(Locator::Css("body"))
            .await
            .unwrap()
            .send_keys("/")
            .await
            .unwrap();
        assert_eq!(js(&c, "return document.activeElement.id").await, "q");
        c.active_element()
            .await
            .unwrap()
            .send_keys("voting\u{E007}")
            .await
            .unwrap();
        settled(&c, Some("q=voting")).await;
        let hits = count(&c, "#hits li.hit").await;
        assert!(hits >= 2, "{hits} hits");
        let marks = js(&c, "return [...document.querySelectorAll('#hits .text mark')].map(m => m.textContent.toLowerCase())").await;
        let marks = marks.as_array().unwrap();
        assert!(!marks.is_empty());
        assert!(
            marks
                .iter()
                .all(|m| m.as_str().unwrap().starts_with("voting")),
            "{marks:?}"
        );
        shot(&c, "search.png").await;

        // An actor facet narrows the results and the URL, and shows as a removable chip.
        let facet = c
            .find(Locator::Css(
                "#facet-actor button.facet[data-value='Jane Roe']",
            ))
            .await
            .unwrap();
        facet.click().await.unwrap();
        settled(&c, Some("actor=Jane+Roe")).await;
        let narrowed = count(&c, "#hits li.hit").await;
        assert!(narrowed >= 1 && narrowed < hits, "{narrowed} of {hits}");
        let all_jane = js(&c, "return [...document.querySelectorAll('#hits li.hit')].every(li => [...li.querySelectorAll('.chip-actor')].some(b => b.dataset.value === 'Jane Roe'))").await;
        assert_eq!(all_jane, true);
        assert_eq!(count(&c, "#chips .chip-remove").await, 1);
        shot(&c, "filtered.png").await;

        // A timeline bar narrows the date range.
        let bar = c.find(Locator::Css("#timeline .bar")).await.unwrap();
        let period = bar.attr("data-period").await.unwrap().unwrap();
        bar.click().await.unwrap();
        settled(&c, Some(&format!("since={period}&until={period}"))).await;
        assert_eq!(count(&c, "#chips .chip-remove").await, 3);
        for h in js(
            &c,
            "return [...document.querySelectorAll('#hits .meta')].map(m => m.textContent)",
        )
        .await
        .as_array()
        .unwrap()
        {
            assert!(
                h.as_str().unwrap().starts_with(&period),
                "{h} not in {period}"
            );
        }

        // Back and forward replay the states.
        back(&c).await;
        let url = location(&c).await;
        assert!(
            url.contains("actor=Jane+Roe") && !url.contains("since="),
            "{url}"
        );
        assert_eq!(count(&c, "#hits li.hit").await, narrowed);
        back(&c).await;
        assert!(!location(&c).await.contains("actor="));
        assert_eq!(count(&c, "#hits li.hit").await, hits);
        c.forward().await.unwrap();
        settled(&c, Some("actor=Jane+Roe")).await;

        // A hit's title opens its article with the matched passage in view.
        click(&c, "#hits li.hit .title").await;
        settled(&c, Some("tab=article")).await;
        assert_eq!(count(&c, "#article .passage.matched").await, 1);
        let in_view = js(&c, "const r = document.querySelector('.passage.matched').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight").await;
        assert_eq!(in_view, true);
        shot(&c, "article.png").await;
        back(&c).await;
        assert!(!location(&c).await.contains("tab=article"));
        assert_eq!(count(&c, "#hits li.hit").await, narrowed);

        // The quotes tab: who said what.
        click(&c, "#tab-quotes").await;
        settled(&c, Some("tab=quotes")).await;
        let quotes = js(
            &c,
            "return [...document.querySelectorAll('#quotes li')].map(li => li.textContent)",
        )
        .await;
        assert!(
            quotes
                .as_array()
                .unwrap()
                .iter()
                .any(|q| q.as_str().unwrap().contains("Jane Roe")),
            "{quotes}"
        );

        // A link reproduces a view: `/?q=...` runs that search.
        c.goto(&format!("{}?q=georgia", s.url)).await.unwrap();
        settled(&c, None).await;
        let titles = js(
            &c,
            "return [...document.querySelectorAll('#hits .title')].map(t => t.textContent)",
        )
        .await;
        assert_eq!(titles, json!(["Ballots in Georgia"]));

        // A phone's width: one column, nothing wider than the screen.
        c.set_window_size(390, 844).await.unwrap();
        c.goto(&format!("{}?q=voting", s.url)).await.unwrap();
        settled(&c, None).await;
        let wide = js(
            &c,
            "return document.documentElement.scrollWidth <= innerWidth",
        )
        .await;
        assert_eq!(wide, true);
        shot(&c, "phone.png").await;
        c.close().await.unwrap();
    });
}

/// Titles, text, sources, ids and urls carrying markup, script and control characters.
fn hostile(env: &Env) {
    let rows = [
        json!({"id": "h1",
               "title": "<script>window.__pwned=1</script>Hostile title \"><svg onload=window.__pwned=6>",
               "body": "Hostile text <img src=x onerror=\"window.__pwned=2\"> with a bell \u{7} and an escape \u{1b}[31m red. \"<img src=x onerror=window.__pwned=3> is fine,\" said Mallory Stone, the <b onmouseover=window.__pwned=4>hostile</b> official.",
               "published": "2020-05-01", "source": "<i>Evil</i> Source",
               "url": "javascript:window.__pwned=5"}),
        json!({"id": "h2\"><img src=x onerror=window.__pwned=7>",
               "title": "Second hostile page",
               "body": "More hostile words from <script>window.__pwned=8</script> Mallory Stone.",
               "published": "2020-06-01", "source": "Wire",
               "url": "data:text/html,<script>window.__pwned=9</script>"}),
        json!({"id": "h3", "title": "A fair page", "body": "A hostile takeover was averted.",
               "published": "2020-07-01", "source": "Wire", "url": "https://example.org/fair"}),
    ];
    let lines: String = rows.iter().map(|r| format!("{r}\n")).collect();
    env.write("c/h.jsonl", lines);
    let r = env.run(&["index", "c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn hostile_documents_render_as_text_and_run_nothing() {
    let Some(d) = driver() else { return };
    let env = Env::new();
    hostile(&env);
    let s = Server::start(&env, &[], &[]);
    run(async {
        let c = browser(&d).await;
        let pwned = "return window.__pwned === undefined";
        c.goto(&format!("{}?q=hostile", s.url)).await.unwrap();
        settled(&c, None).await;
        assert_eq!(count(&c, "#hits li.hit").await, 3);
        let text = c
            .find(Locator::Id("hits"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        for literal in [
            "<script>window.__pwned=1</script>",
            "<img src=x onerror=",
            "<b onmouseover=",
        ] {
            assert!(
                text.contains(literal),
                "{literal} not shown as text in {text}"
            );
        }
        shot(&c, "hostile.png").await;
        // Nothing from the index became an element; only the http(s) url became a link.
        assert_eq!(
            count(&c, "#hits img, #hits script, #hits svg, #hits b, #hits i").await,
            0
        );
        let links = js(&c, "return [...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => !h.startsWith(location.origin))").await;
        assert_eq!(links, json!(["https://example.org/fair"]));
        // Control characters stay characters.
        assert_eq!(
            js(
                &c,
                "return document.querySelector('#hits').textContent.includes('\\u0007')"
            )
            .await,
            true
        );
        // Click through everything the hostile data labels.
        for i in 0..2 {
            let chips = c.find_all(Locator::Css("#hits .chip")).await.unwrap();
            chips[i].click().await.unwrap();
            settled(&c, None).await;
            assert_eq!(js(&c, pwned).await, true, "chip {i}");
            back(&c).await;
        }
        for i in 0..3 {
            let titles = c.find_all(Locator::Css("#hits .title")).await.unwrap();
            titles[i].click().await.unwrap();
            settled(&c, Some("tab=article")).await;
            assert!(count(&c, "#article .passage").await >= 1);
            assert_eq!(
                count(
                    &c,
                    "#article img, #article script, #article svg, #article b"
                )
                .await,
                0
            );
            assert_eq!(js(&c, pwned).await, true, "article {i}");
            back(&c).await;
        }
        click(&c, "#tab-quotes").await;
        settled(&c, Some("tab=quotes")).await;
        assert_eq!(js(&c, pwned).await, true);
        // The page's own policy forbids inline script even if markup got in.
        let blocked = js(&c, "const s = document.createElement('script'); s.textContent = 'window.__pwned = 10'; document.body.appendChild(s); return window.__pwned === undefined").await;
        assert_eq!(blocked, true, "CSP let an inline script run");
        c.close().await.unwrap();
    });
}

#[test]
fn the_page_pages_through_hits_and_shows_errors() {
    let Some(d) = driver() else { return };
    let env = Env::new();
    let lines: String = (0..25)
        .map(|i| {
            format!(
                "{}\n",
                json!({"id": format!("b{i:02}"), "title": format!("Ballot report {i}"),
                       "body": format!("County {i} counted every ballot by hand this week."),
                       "published": format!("2020-10-{:02}", i + 1)})
            )
        })
        .collect();
    env.write("c/b.jsonl", lines);
    assert_eq!(env.run(&["index", "c"]).code, 0);
    let s = Server::start(&env, &[], &[]);
    run(async {
        let c = browser(&d).await;
        c.goto(&format!("{}?q=ballot", s.url)).await.unwrap();
        settled(&c, None).await;
        assert_eq!(count(&c, "#hits li.hit").await, 20);
        let page = c
            .find(Locator::Id("page"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(page, "page 1 of 2");
        click(&c, "#next").await;
        settled(&c, Some("page=2")).await;
        assert_eq!(count(&c, "#hits li.hit").await, 5);
        assert_eq!(
            js(&c, "return document.querySelector('#hits').start").await,
            21
        );
        back(&c).await;
        assert_eq!(count(&c, "#hits li.hit").await, 20);
        // A bad query says what is wrong, in one line, as the command line would.
        let q = c.find(Locator::Id("q")).await.unwrap();
        q.clear().await.unwrap();
        q.send_keys("(ballot\u{E007}").await.unwrap();
        settled(&c, Some("q=%28ballot")).await;
        let status = c.find(Locator::Id("status")).await.unwrap();
        assert_eq!(
            status.attr("class").await.unwrap().as_deref(),
            Some("error")
        );
        assert!(status.text().await.unwrap().starts_with("bad query"));
        c.close().await.unwrap();
    });
}
