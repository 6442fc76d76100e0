//! Integration tests: the real binary on small corpora written here (no research data).

mod analysis;
mod boilerplate;
mod browser;
mod faults;
mod properties;
mod quickwit;
mod serve;
mod util;

use std::io::Write;

use util::{marked, Env};

/// A sentence that pads a paragraph past the length at which short paragraphs are joined, so
/// each paragraph of [`ARTICLE`] is a passage of its own.
macro_rules! filler {
    () => {
        " Staff compared each batch of paper records with the machine totals, and the county \
         board met twice to go over the process before the final report was signed by all members."
    };
}

const ARTICLE: &str = concat!(
    "Election officials in Ohio said on Tuesday that voting systems worked.",
    filler!(),
    filler!(),
    "\n\n\"We saw no evidence of tampering with the voting systems,\" Jane Roe said.",
    filler!(),
    filler!(),
    "\n\nOfficials in Moscow denied any role. Systems for voting were replaced in 2019.",
    filler!(),
    filler!()
);

fn corpus(env: &Env) {
    env.write("c/a.txt", format!("Ohio vote review\n\n{ARTICLE}"));
    env.write(
        "c/a.meta.json",
        r#"{"date": "2020-11-10", "source": "Example Wire"}"#,
    );
    env.write(
        "c/b.md",
        "---\ntitle: Ballots in Georgia\ndate: 2021-01-05\nsource: Example Times\n---\n\nThe Georgia recount ended. John Smith said \"the count is final\" on Monday.\n",
    );
    env.write(
        "c/c.html",
        "<html><head><title>Embassy statement</title><meta name=\"date\" content=\"2019-07-01\"></head>\
         <body><nav>menu voting</nav><article><p>The embassy rejected claims of interference.</p>\
         <script>var voting = 1;</script></article></body></html>",
    );
    env.write(
        "c/d.jsonl",
        "{\"id\":\"d1\",\"title\":\"Hackers\",\"body\":\"Hackers targeted voter rolls in Illinois.\",\"published\":\"2016-08-30\",\"extra\":[1,2]}\n\
         {\"id\":\"d2\",\"headline\":\"Ads\",\"content\":\"Foreign ads reached millions of voters.\",\"publish_date\":\"2017-10-31\"}\n",
    );
    env.write("c/skip.docx", "not read");
}

#[test]
fn index_and_search_phrase_end_to_end() {
    let env = Env::new();
    corpus(&env);
    let r = env.run(&["index", "c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("5 articles"), "{}", r.stderr);
    assert!(r.stderr.contains("1 unsupported"), "{}", r.stderr);
    let hits = env.hits(&["\"voting systems\""]);
    assert_eq!(hits.len(), 2, "{hits:#?}");
    let h = &hits[0];
    for key in [
        "rank",
        "score",
        "doc_id",
        "title",
        "date",
        "source",
        "path",
        "passage",
        "text",
        "highlights",
        "actors",
        "quotes",
        "dates",
    ] {
        assert!(h.get(key).is_some(), "missing {key}");
    }
    assert_eq!(h["title"], "Ohio vote review");
    assert_eq!(h["date"], "2020-11-10");
    assert_eq!(h["source"], "Example Wire");
    // Phrase highlights cover the phrase only, in character offsets.
    let spans = marked(h);
    assert!(!spans.is_empty());
    for span in spans {
        assert_eq!(span.to_lowercase(), "voting systems");
    }
    // The lone words of the phrase ("Systems for voting") do not make a hit of the third passage.
    assert!(hits
        .iter()
        .all(|h| !h["text"].as_str().unwrap().contains("replaced")));
}

#[test]
fn exit_codes_and_errors() {
    let env = Env::new();
    let r = env.run(&["search", "anything"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no index") && r.stderr.contains("dossier index"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1);
    corpus(&env);
    assert_eq!(env.run(&["index", "c"]).code, 0);
    assert_eq!(env.run(&["search", "zebra"]).code, 1);
    assert_eq!(env.run(&["search", "voting"]).code, 0);
    for bad in [
        vec!["search", "voting", "-n", "0"],
        vec!["search", "voting", "--since", "2021", "--until", "2020"],
        vec!["search", "(voting"],
        vec!["search", "nope:x"],
        vec!["search", "x", "--since", "2021-02-30"],
        vec!["index", "missing-folder"],
    ] {
        let r = env.run(&bad);
        assert_eq!(r.code, 2, "{bad:?}: {}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{bad:?}: {}", r.stderr);
        assert!(r.stderr.starts_with("dossier: "), "{}", r.stderr);
        assert!(!r.stderr.contains("panicked"));
    }
}

#[test]
fn reindex_does_not_duplicate_and_changes_replace() {
    let env = Env::new();
    corpus(&env);
    assert_eq!(env.run(&["index", "c"]).code, 0);
    let first = env.stats();
    let r = env.run(&["index", "c"]);
    assert!(
        r.stderr.contains("0 articles") && r.stderr.contains("4 unchanged"),
        "{}",
        r.stderr
    );
    assert_eq!(env.stats(), first);
    // Change one article: its old passages go, the new ones come.
    env.write("c/b.md", "---\ntitle: Ballots in Georgia\ndate: 2021-01-05\n---\n\nThe audit of paper ballots ended.\n");
    let r = env.run(&["index", "c"]);
    assert!(r.stderr.contains("1 articles"), "{}", r.stderr);
    assert!(env.hits(&["recount"]).is_empty());
    assert_eq!(env.hits(&["audit"]).len(), 1);
    assert_eq!(env.stats()["articles"], first["articles"]);
    // Touching a file without changing it re-reads nothing.
    let p = env.path("c/a.txt");
    let body = std::fs::read(&p).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&p, body).unwrap();
    let r = env.run(&["index", "c"]);
    assert!(r.stderr.contains("0 articles"), "{}", r.stderr);
    // Removed files go with --prune.
    std::fs::remove_file(env.path("c/c.html")).unwrap();
    let r = env.run(&["index", "--prune", "c"]);
    assert!(r.stderr.contains("1 removed"), "{}", r.stderr);
    assert!(env.hits(&["embassy"]).is_empty());
}

#[test]
fn appended_json_lines_add_only_new_articles() {
    let env = Env::new();
    let p = env.write(
        "f.jsonl",
        "{\"id\":\"x1\",\"text\":\"First report on ballots.\"}\n",
    );
    assert_eq!(env.run(&["index", "f.jsonl"]).code, 0);
    let mut f = std::fs::OpenOptions::new().append(true).open(&p).unwrap();
    f.write_all(b"{\"id\":\"x2\",\"text\":\"Second report on ballots.\"}\n")
        .unwrap();
    drop(f);
    let r = env.run(&["index", "f.jsonl"]);
    assert!(
        r.stderr.contains("1 articles") && r.stderr.contains("1 articles kept"),
        "{}",
        r.stderr
    );
    assert_eq!(env.hits(&["ballots"]).len(), 2);
}

/// An id met twice in one first run (two files, then twice in one file) keeps only its last
/// version: a new index needs no delete for an id it has never seen, but a repeat still gets one.
#[test]
fn an_id_repeated_in_one_run_keeps_its_last_version() {
    let env = Env::new();
    env.write(
        "a.jsonl",
        "{\"id\":\"same\",\"text\":\"The first version about turnips.\"}\n",
    );
    env.write(
        "b.jsonl",
        "{\"id\":\"same\",\"text\":\"The second version about parsnips.\"}\n\
         {\"id\":\"other\",\"text\":\"Another report on ballots.\"}\n\
         {\"id\":\"other\",\"text\":\"The last report on ballots and radishes.\"}\n",
    );
    assert_eq!(env.run(&["index", "a.jsonl", "b.jsonl"]).code, 0);
    assert!(
        env.hits(&["turnips"]).is_empty(),
        "the first version stayed"
    );
    assert_eq!(env.hits(&["parsnips"]).len(), 1);
    let ballots = env.hits(&["ballots"]);
    assert_eq!(ballots.len(), 1, "{ballots:?}");
    assert!(ballots[0]["text"].as_str().unwrap().contains("radishes"));
    assert_eq!(env.stats()["passages"], 2);
}

#[test]
fn bad_lines_and_files_are_reported_and_skipped() {
    let env = Env::new();
    env.write("c/good.txt", "Ballots were counted.");
    env.write("c/lines.jsonl", "{\"text\":\"Line one about ballots.\"}\n{broken\n{\"text\":\"Line three about ballots.\"}\n");
    env.write("c/bad.json", "{ not json");
    env.write("c/empty.txt", "");
    env.write("c/binary.txt", [0u8, 159, 146, 150, 0, 1, 2]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"text\":\"Compressed ballots story.\"}\n")
        .unwrap();
    let bytes = gz.finish().unwrap();
    env.write("c/z.jsonl.gz", &bytes);
    env.write("c/trunc.jsonl.gz", &bytes[..bytes.len() / 2]);
    let r = env.run(&["index", "c"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("lines.jsonl:2: not JSON"), "{}", r.stderr);
    assert!(r.stderr.contains("bad.json: not JSON"), "{}", r.stderr);
    assert!(r.stderr.contains("binary.txt: binary data"), "{}", r.stderr);
    assert!(r.stderr.contains("trunc.jsonl.gz"), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
    assert_eq!(env.hits(&["ballots"]).len(), 4);
}

#[test]
fn filters_actor_speaker_quotes_dates_and_sort() {
    let env = Env::new();
    corpus(&env);
    assert_eq!(env.run(&["index", "c"]).code, 0);
    let hits = env.hits(&["*", "--speaker", "jane roe"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["quotes"][0]["speaker"], "Jane Roe");
    assert_eq!(env.hits(&["*", "--quotes"]).len(), 2);
    let hits = env.hits(&["voter*", "--since", "2017", "--until", "2017-10"]);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0]["doc_id"], "d2");
    assert_eq!(hits[0]["line"], 2);
    let dated = env.hits(&["*", "--sort", "date", "-n", "3"]);
    let dates: Vec<&str> = dated.iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2021-01-05", "2020-11-10", "2020-11-10"]);
    assert_eq!(env.hits(&["*", "--actor", "ohio"]).len(), 1);
    assert_eq!(env.hits(&["ohio -voting"]).len(), 0);
    assert_eq!(env.hits(&["title:hackers OR title:ads"]).len(), 2);
    assert_eq!(env.hits(&["*", "--mentions", "2019"]).len(), 1);
}

#[test]
fn terminal_output_is_plain_when_piped_and_colored_on_demand() {
    let env = Env::new();
    corpus(&env);
    env.run(&["index", "c"]);
    let plain = env.run(&["search", "interference"]);
    assert_eq!(plain.code, 0);
    assert!(!plain.stdout.contains('\u{1b}'));
    assert!(plain.stdout.contains("[interference]"), "{}", plain.stdout);
    let color = env.run(&["search", "interference", "--color", "always"]);
    assert!(
        color.stdout.contains("\u{1b}[1;31minterference"),
        "{}",
        color.stdout
    );
    // The page's script and navigation are not article text.
    assert_eq!(env.run(&["search", "var"]).code, 1);
    assert_eq!(env.run(&["search", "menu"]).code, 1);
}

#[test]
fn extract_prints_character_offsets() {
    let env = Env::new();
    env.write("e.jsonl", "{\"id\":\"n1\",\"date\":\"2021-03-17\",\"text\":\"“Ça va,” Émile Zola said on January 7.\",\"gold\":[1]}\n");
    let r = env.run(&["extract", "--format", "jsonl", "e.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(v["id"], "n1");
    let text: Vec<char> = "“Ça va,” Émile Zola said on January 7.".chars().collect();
    let slice = |s: &serde_json::Value, e: &serde_json::Value| -> String {
        text[s.as_u64().unwrap() as usize..e.as_u64().unwrap() as usize]
            .iter()
            .collect()
    };
    let q = &v["quotes"][0];
    assert_eq!(slice(&q["start"], &q["end"]), "Ça va,");
    assert_eq!(slice(&q["speaker_start"], &q["speaker_end"]), "Émile Zola");
    let d = &v["dates"][0];
    assert_eq!(slice(&d["start"], &d["end"]), "January 7");
    assert_eq!(d["value"], "2021-01-07");
    assert_eq!(v["passages"][0]["start"], 0);
}

#[test]
fn other_schema_version_is_refused_with_rebuild_hint() {
    let env = Env::new();
    corpus(&env);
    env.run(&["index", "c"]);
    std::fs::write(env.path("ix/dossier-version"), "0\n").unwrap();
    let r = env.run(&["search", "voting"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--rebuild"), "{}", r.stderr);
    let r = env.run(&["index", "--rebuild", "c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.run(&["search", "voting"]).code, 0);
}

/// Many small synthetic articles (written here), enough for an index run to take a moment.
fn synthetic_corpus(env: &Env, files: usize, per_file: usize) {
    const WORDS: [&str; 16] = [
        "ballot", "election", "senator", "campaign", "report", "vote", "county", "official",
        "audit", "machine", "voter", "recount", "embassy", "minister", "agency", "court",
    ];
    for f in 0..files {
        let mut lines = String::new();
        for a in 0..per_file {
            let n = f * per_file + a;
            let text: Vec<String> = (0..60)
                .map(|i| WORDS[(n * 7 + i * 3 + i / 5) % WORDS.len()].to_string())
                .collect();
            lines.push_str(&format!(
                "{{\"id\":\"s{n}\",\"date\":\"2020-{:02}-{:02}\",\"text\":\"Officials met on Monday. {}.\\n\\nJane Roe said \\\"the {} is fine\\\" in {}.\"}}\n",
                n % 12 + 1,
                n % 28 + 1,
                text.join(" "),
                WORDS[n % 16],
                2000 + n % 20
            ));
        }
        env.write(&format!("syn/{f:04}.jsonl"), lines);
    }
}

fn counts(v: &serde_json::Value) -> (u64, u64) {
    (
        v["articles"].as_u64().unwrap(),
        v["passages"].as_u64().unwrap(),
    )
}

#[test]
fn shards_merged_answer_like_one_index() {
    let env = Env::new();
    corpus(&env);
    synthetic_corpus(&env, 3, 20);
    let ix = |name: &str| env.path(name).to_string_lossy().into_owned();
    for (k, dir) in [("1/2", "s1"), ("2/2", "s2")] {
        let r = env.run(&["--index", &ix(dir), "index", "--shard", k, "c", "syn"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    assert_eq!(
        env.run(&["--index", &ix("whole"), "index", "c", "syn"])
            .code,
        0
    );
    let r = env.run(&["merge", &ix("merged"), &ix("s1"), &ix("s2")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let stats = |dir: &str| {
        let r = env.run(&["--index", &ix(dir), "stats", "--format", "json"]);
        serde_json::from_str::<serde_json::Value>(r.stdout.trim()).unwrap()
    };
    let (whole, merged) = (stats("whole"), stats("merged"));
    assert_eq!(counts(&whole), counts(&merged));
    assert_eq!(whole["actors"], merged["actors"]);
    for q in [
        "ballot",
        "\"voting systems\"",
        "audit* -recount",
        "*",
        "title:hackers OR embassy",
    ] {
        let run = |dir: &str| {
            env.hits(&["--index", &ix(dir), q, "-n", "200"])
                .iter()
                .map(|v| {
                    (
                        v["doc_id"].to_string(),
                        v["passage"].as_u64().unwrap(),
                        // Exactly: same statistics, same float operations.
                        v["score"].to_string(),
                    )
                })
                .collect::<std::collections::BTreeSet<_>>()
        };
        assert_eq!(run("whole"), run("merged"), "{q}");
    }
    // The merged index knows every file: a re-run reads nothing.
    let r = env.run(&["--index", &ix("merged"), "index", "c", "syn"]);
    assert!(r.stderr.contains(" 0 articles"), "{}", r.stderr);
    assert_eq!(counts(&stats("merged")), counts(&whole));
    // Merging into a folder that has content is refused.
    assert_eq!(env.run(&["merge", &ix("merged"), &ix("s1")]).code, 2);
}

/// `dossier index` leaves the counts `stats` prints beside the index; they are the counts of the
/// segments as the run left them, a stale copy is never used, and counting afresh agrees.
#[test]
fn stats_counts_kept_by_the_index_run_match_a_fresh_count() {
    let env = Env::new();
    corpus(&env);
    synthetic_corpus(&env, 2, 15);
    let kept = env.path("ix").join("dossier-stats.json");
    assert_eq!(env.run(&["index", "c"]).code, 0);
    assert!(kept.is_file(), "index left no counts beside the index");
    let first = env.stats();
    let stale = std::fs::read(&kept).unwrap();
    // A second run adds a segment: two term dictionaries of actors to count across.
    let r = env.run(&["index", "syn"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let second = env.stats();
    assert!(second["segments"].as_u64().unwrap() >= 2, "{second}");
    assert_eq!(
        second["articles"].as_u64().unwrap(),
        first["articles"].as_u64().unwrap() + 30
    );
    assert_eq!(
        second["files"].as_u64().unwrap(),
        first["files"].as_u64().unwrap() + 2
    );
    assert!(second["actors"].as_u64() >= first["actors"].as_u64());
    // Counted afresh (no kept counts), and with the first run's counts put back: the same.
    std::fs::remove_file(&kept).unwrap();
    assert_eq!(env.stats(), second);
    assert!(kept.is_file(), "stats did not keep what it counted");
    std::fs::write(&kept, stale).unwrap();
    assert_eq!(env.stats(), second);
    // The whole corpus indexed in one run counts the same articles, passages and actors.
    let one = env.path("one").to_string_lossy().into_owned();
    let r = env.run(&["--index", &one, "index", "c", "syn"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = env.run(&["--index", &one, "stats", "--format", "json"]);
    let one: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    for key in [
        "articles",
        "passages",
        "actors",
        "files",
        "first_date",
        "last_date",
    ] {
        assert_eq!(one[key], second[key], "{key}");
    }
}

#[test]
fn second_writer_is_refused_as_busy() {
    let env = Env::new();
    synthetic_corpus(&env, 40, 25);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(env.dir.path())
        .env("DOSSIER_INDEX", env.path("ix"))
        .args(["index", "syn", "-j", "1", "--quiet"])
        .spawn()
        .unwrap();
    // Wait until the first run holds the lock.
    let pid_file = env.path("ix/dossier-writer.pid");
    for _ in 0..200 {
        if pid_file.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let r = env.run(&["index", "syn"]);
    let first = child.wait().unwrap();
    assert!(first.success());
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("busy") && r.stderr.contains(&format!("pid {}", child.id())),
        "{}",
        r.stderr
    );
}

#[test]
fn oversized_and_oddly_encoded_input_is_bounded_and_reported() {
    let env = Env::new();
    // A 5 MB single line among good ones, read with a 1 MB article cap (3 MB line cap).
    let big = "x".repeat(5 << 20);
    env.write(
        "c/big.jsonl",
        format!("{{\"text\":\"ballots one\"}}\n{{\"text\":\"{big}\"}}\n{{\"text\":\"ballots three\"}}\n"),
    );
    env.write("c/long.txt", format!("ballots {}", "word ".repeat(1 << 20)));
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "ballots in UTF-16".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    env.write("c/utf16.txt", utf16);
    env.write("c/latin1.txt", b"ballots caf\xe9 cr\xe8me".as_slice());
    env.write(
        "c/dir with space/ünïcode ballots.md",
        "# Title\n\nballots here",
    );
    let r = env.run(&["index", "--max-article-mb", "1", "c"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("big.jsonl:2: line longer than 3 MB"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("long.txt: article longer than 1 MB, cut"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("latin1.txt: invalid UTF-8"),
        "{}",
        r.stderr
    );
    let hits = env.hits(&["ballots", "-n", "50"]);
    assert_eq!(hits.len(), 6, "{hits:#?}");
    assert!(hits.iter().any(|h| h["text"] == "ballots in UTF-16"));
}

/// The bundled seed article (the user's own document, in `corpus/`): what issue 3 requires of
/// extraction on it.
#[test]
fn seed_article_extraction() {
    let env = Env::new();
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let r = env.run(&["extract", "--format", "jsonl", corpus]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    let names: Vec<&str> = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    for who in [
        "Russia",
        "Iran",
        "China",
        "Vladimir Putin",
        "Donald Trump",
        "Joe Biden",
        "Andriy Derkach",
        "Rudy Giuliani",
        "William Barr",
    ] {
        assert!(names.contains(&who), "{who} missing from {names:?}");
    }
    let dates: Vec<(&str, &str)> = v["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["text"].as_str().unwrap(), d["value"].as_str().unwrap()))
        .collect();
    assert!(dates.contains(&("January 7", "2021-01-07")), "{dates:?}");
    assert!(dates.contains(&("Tuesday", "2021-03-16")), "{dates:?}");
    let quotes: Vec<(String, String, bool)> = ["quotes", "partial_quotes"]
        .iter()
        .flat_map(|k| v[*k].as_array().unwrap().iter())
        .map(|q| {
            (
                q["text"].as_str().unwrap().to_string(),
                q["speaker"].as_str().unwrap_or("").to_string(),
                q["speaker_start"].is_u64(),
            )
        })
        .collect();
    let quote = |start: &str| -> &(String, String, bool) {
        quotes
            .iter()
            .find(|(t, _, _)| t.starts_with(start))
            .unwrap_or_else(|| panic!("no quote {start}: {quotes:?}"))
    };
    let speaker_of = |start: &str| -> String { quote(start).1.clone() };
    // "the report" describes its speaker without naming one: no name, but a speaker span.
    for report_quote in [
        "The IC (intelligence",
        "We have high confidence",
        "We assess that President",
        "The primary effort",
        "China sought stability",
    ] {
        assert_eq!(quote(report_quote).1, "", "{report_quote}");
        assert!(quote(report_quote).2, "{report_quote}");
    }
    assert_eq!(
        speaker_of("no evidence of widespread fraud"),
        "William Barr"
    );
    assert!(speaker_of("Blaming external actors").contains("Russian Embassy"));
    // Every quotation of the article is found: 7 direct ones, and the partial ones.
    assert_eq!(v["quotes"].as_array().unwrap().len(), 7, "{quotes:?}");
}

#[test]
fn mentions_filter_finds_passages_by_the_period_they_mention() {
    let env = Env::new();
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    assert_eq!(env.run(&["index", corpus]).code, 0);
    let october = env.hits(&["*", "--mentions", "2020-10"]);
    assert_eq!(october.len(), 1, "{october:#?}");
    assert!(october[0]["text"].as_str().unwrap().contains("in October"));
    assert!(october[0]["dates"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == "2020-10"));
    // January 6 and January 7, 2021, in two passages; a day narrows it to one.
    assert_eq!(env.hits(&["*", "--mentions", "2021-01"]).len(), 2);
    assert_eq!(env.hits(&["*", "--mentions", "2021-01-07"]).len(), 1);
    assert_eq!(env.hits(&["voting", "--mentions", "2020-11"]).len(), 1);
}

#[test]
fn prefixes_longer_than_the_stem_still_match() {
    let env = Env::new();
    env.write(
        "c/a.txt",
        "Immigration rules changed. Interference was alleged. The elections ended.",
    );
    env.write("c/b.txt", "Nothing of note: immune systems, electricity.");
    assert_eq!(env.run(&["index", "c"]).code, 0);
    for (q, word) in [
        ("immigra*", "Immigration"),
        ("interfere*", "Interference"),
        ("electi*", "elections"),
    ] {
        let hits = env.hits(&[q]);
        assert_eq!(hits.len(), 1, "{q}: {hits:#?}");
        assert_eq!(marked(&hits[0]), [word], "{q}");
    }
    // Non-ASCII and punctuation in a prefix are literal, never a broken pattern.
    assert_eq!(env.run(&["search", "🌀*"]).code, 1);
    assert_eq!(env.run(&["search", "a.b*"]).code, 1);
    let r = env.run(&["search", &format!("{}*", "w".repeat(100))]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1);
}

/// A passage matches on its own text; its article's title and its quotations only raise its score.
#[test]
fn title_and_quotes_boost_but_do_not_match_alone() {
    let env = Env::new();
    let pad = concat!(filler!(), filler!(), filler!());
    env.write(
        "c/a.md",
        format!("---\ntitle: Recount news\n---\n\nThe recount ended quietly.{pad}\n\nWeather was mild.{pad}\n"),
    );
    env.write(
        "c/b.txt",
        format!("Other story\n\nThe recount ended in a tie.{pad}\n"),
    );
    env.write(
        "c/c.txt",
        format!("Third story\n\nOfficials said \"the recount ended\" at noon.{pad}\n"),
    );
    assert_eq!(env.run(&["index", "c"]).code, 0);
    // The shared filler makes the three articles near-duplicates: show every copy.
    let hits = env.hits(&["recount", "--all-copies"]);
    // The weather passage of the "Recount news" article does not match.
    assert_eq!(hits.len(), 3, "{hits:#?}");
    assert!(hits
        .iter()
        .all(|h| h["text"].as_str().unwrap().contains("recount")));
    // Same words in the text: the titled one and the quoted one rank above the plain one.
    assert_eq!(hits[2]["title"], "Other story", "{hits:#?}");
    assert_eq!(env.hits(&["title:recount", "--all-copies"]).len(), 2);
}

/// Filters narrow the hits of a query without changing their scores.
#[test]
fn filters_narrow_without_changing_scores() {
    let env = Env::new();
    corpus(&env);
    assert_eq!(env.run(&["index", "c"]).code, 0);
    let key = |h: &serde_json::Value| format!("{} {}", h["doc_id"], h["passage"]);
    let all = env.hits(&["voting"]);
    for filter in [
        &["--speaker", "jane roe"][..],
        &["--actor", "ohio"],
        &["--since", "2020-01-01"],
        &["--quotes"],
    ] {
        let some = env.hits(&[&["voting"][..], filter].concat());
        assert!(!some.is_empty() && some.len() <= all.len(), "{filter:?}");
        for h in &some {
            let same = all
                .iter()
                .find(|a| key(a) == key(h))
                .expect("a hit of the query");
            assert_eq!(h["score"], same["score"], "{filter:?}");
        }
    }
}

/// A word the analyzer drops (over 40 bytes) leaves a gap in the index, and a phrase holding it
/// keeps the gap; a prefix is lower-cased as the index is (no final-sigma form).
#[test]
fn phrases_with_overlong_words_and_greek_prefixes_match() {
    let env = Env::new();
    let long = "Bartholomew".repeat(4);
    env.write(
        "c/a.txt",
        format!("Notes\n\nAnna {long} Smith said the count was fair. Η ΟΔΟΣ ήταν κλειστή.\n"),
    );
    assert_eq!(env.run(&["index", "c"]).code, 0);
    assert_eq!(env.hits(&[&format!("\"anna {long} smith\"")]).len(), 1);
    assert_eq!(env.hits(&["\"anna smith\""]).len(), 0);
    let hits = env.hits(&["ΟΔΟΣ*"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(marked(&hits[0]), ["ΟΔΟΣ"]);
}

/// JSON Lines articles, `n` of them, short (a hundred bytes or so each), ids starting with `tag`.
fn many_articles(tag: &str, n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "{{\"id\":\"{tag}{i}\",\"title\":\"Budget vote {i}\",\"text\":\"The council of district {i} \
                 met on Tuesday and voted on the budget, the mayor said.\"}}\n"
            )
        })
        .collect()
}

/// Plain progress, the default when stderr is not a terminal, moves inside a file: a line printed
/// before the run's only file is done already counts bytes of it. (Each line comes after a full
/// interval: 10 s by default, a few ms here.)
#[test]
fn plain_progress_moves_before_the_first_file_ends() {
    let env = Env::new();
    // Two batches of articles (a batch closes at 4096): the first is done mid-file.
    env.write("c/one.jsonl", many_articles("a", 6000));
    let fast = [("DOSSIER_PROGRESS_INTERVAL_MS", "5")];
    let r = env.run_with(env.dir.path(), &fast, &["index", "c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("dossier: progress ["))
        .collect();
    assert!(!lines.is_empty(), "no progress line: {}", r.stderr);
    let moved_inside = lines.iter().any(|l| {
        let bytes = l.split("] ").nth(1).and_then(|s| s.split('/').next());
        l.contains(", 0/1 files, ") && bytes.is_some_and(|b| b != "0 B")
    });
    assert!(moved_inside, "no progress inside the file: {}", r.stderr);
    for l in &lines {
        assert!(
            l.contains(" articles (")
                && l.contains(" passages (")
                && (l.contains(", ETA ") || l.ends_with(", committing")),
            "{l}"
        );
    }
    assert!(r.stderr.contains("6000 articles, "), "{}", r.stderr);

    // --progress none and --quiet print no progress, --quiet not even the summary; the
    // default interval prints nothing in a short run.
    env.write("c/one.jsonl", many_articles("b", 300));
    let r = env.run_with(
        env.dir.path(),
        &[("DOSSIER_PROGRESS_INTERVAL_MS", "1")],
        &["index", "--progress", "none", "c"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("progress"), "{}", r.stderr);
    assert!(r.stderr.contains("300 articles, "), "{}", r.stderr);
    env.write("c/one.jsonl", many_articles("c", 301));
    let r = env.run_with(
        env.dir.path(),
        &[("DOSSIER_PROGRESS_INTERVAL_MS", "1")],
        &["index", "--quiet", "--progress", "plain", "c"],
    );
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    env.write("c/one.jsonl", many_articles("d", 302));
    let r = env.run(&["index", "c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    // --progress bar draws even into a pipe; a bad value is one line, exit 2.
    env.write("c/one.jsonl", many_articles("e", 303));
    let r = env.run(&["index", "--progress", "bar", "c"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains(" files, "), "{}", r.stderr);
    let r = env.run(&["index", "--progress", "sometimes", "c"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
}

/// Field-restricted words, actor and speaker names and title matches are all marked.
#[test]
fn every_kind_of_match_is_marked() {
    let env = Env::new();
    env.write(
        "c/a.md",
        "---\ntitle: Barr rejects the claims\n---\n\nOfficials said there was no evidence of fraud, and the review ended. \
         \"We have seen no evidence of any collusion,\" William Barr said. PUTIN denied everything.\n",
    );
    assert_eq!(env.run(&["index", "c"]).code, 0);
    // quote: marks the phrase inside the quotation, not the same words outside it.
    let hits = env.hits(&["quote:\"no evidence\""]);
    assert_eq!(hits.len(), 1);
    assert_eq!(marked(&hits[0]), ["no evidence"]);
    let text = hits[0]["text"].as_str().unwrap();
    let start = hits[0]["highlights"][0][0].as_u64().unwrap() as usize;
    let quote_start = text.chars().position(|c| c == '"').unwrap();
    assert!(start > quote_start, "{hits:?}");
    // actor: and --actor mark the name where the text writes it.
    assert_eq!(marked(&env.hits(&["actor:putin"])[0]), ["PUTIN"]);
    assert_eq!(
        marked(&env.hits(&["review", "--actor", "putin"])[0]),
        ["review", "PUTIN"]
    );
    assert_eq!(marked(&env.hits(&["speaker:barr"])[0]), ["Barr"]);
    // title: marks the title (a passage matches on its own text; the title only adds to the
    // score, and is marked wherever a word of the query is in it).
    let hits = env.hits(&["title:barr"]);
    assert_eq!(hits[0]["title_highlights"], serde_json::json!([[0, 4]]));
    let hits = env.hits(&["barr"]);
    assert_eq!(hits[0]["title_highlights"], serde_json::json!([[0, 4]]));
    assert_eq!(marked(&hits[0]), ["Barr"]);
    let r = env.run(&["search", "title:barr", "--color", "never"]);
    assert!(
        r.stdout.starts_with("1. [Barr] rejects the claims"),
        "{}",
        r.stdout
    );
}

/// CSV, TSV and RSS/Atom files index like the other formats: one article per row or item, a bad
/// row reported with its line and the others kept, a non-feed `.xml` reported and skipped.
#[test]
fn tables_and_feeds_are_read() {
    let env = Env::new();
    env.write(
        "c/data.csv",
        "id,headline,published,body\n\
         r1,Ballots counted,2021-03-16,\"The county counted ballots.\n\nObservers watched.\"\n\
         r2,Short row,2021-03-17\n\
         r3,Audit ends,2021-03-18,The audit of the machines ended.\n",
    );
    env.write(
        "c/more.tsv",
        "title\ttext\nRecount\tA recount of the ballots began.\n",
    );
    env.write(
        "c/feed.rss",
        "<rss><channel><title>Example Wire</title><item><title>Board meets</title>\
         <link>https://example.org/a</link><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>\
         <description>&lt;p&gt;The board met about the &lt;b&gt;ballots&lt;/b&gt;.&lt;/p&gt;</description>\
         </item></channel></rss>",
    );
    env.write(
        "c/page.xml",
        "<html><body>Not a feed about ballots.</body></html>",
    );
    let r = env.run(&["index", "c"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("data.csv:5: row has 3 fields, the header 4, row skipped"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("page.xml: XML whose root is <html>, not an RSS or Atom feed"),
        "{}",
        r.stderr
    );
    let hits = env.hits(&["ballots", "-n", "50", "--all-copies"]);
    let mut ids: Vec<&str> = hits.iter().map(|h| h["doc_id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3, "{hits:#?}");
    let rss = hits.iter().find(|h| h["title"] == "Board meets").unwrap();
    assert_eq!(rss["url"], "https://example.org/a");
    assert_eq!(rss["source"], "Example Wire");
    assert_eq!(rss["date"], "2003-06-10");
    let csv = hits.iter().find(|h| h["doc_id"] == "r1").unwrap();
    assert_eq!(csv["title"], "Ballots counted");
    assert_eq!(csv["line"], 2);
    assert_eq!(env.hits(&["audit"]).len(), 1);
    // A second run reads nothing again (the file that failed is tried again, and said again).
    let r = env.run(&["index", "c"]);
    assert!(
        r.stderr.contains("indexed from 0 files (3 unchanged"),
        "{}",
        r.stderr
    );
}

/// WARC archives: HTML responses become articles with their URL and crawl date; a truncated
/// `.warc.gz` keeps what came before and says so in one line.
#[test]
fn warc_archives_are_read() {
    use std::io::Write;
    let record = |kind: &str, uri: &str, block: &str| {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-10-01T12:00:00Z\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    };
    let page = |words: &str| {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Crawled</title></head><body><p>{words}</p></body></html>")
    };
    let records = [
        record(
            "request",
            "https://example.org/a",
            "GET /a HTTP/1.1\r\n\r\n",
        ),
        record(
            "response",
            "https://example.org/a",
            &page("The county audited its ballots."),
        ),
        record(
            "response",
            "https://example.org/b",
            &page("The board certified the ballots count."),
        ),
    ];
    // One gzip member per record, as crawls write them.
    fn gzipped(records: &[String]) -> Vec<u8> {
        let mut out = Vec::new();
        for r in records {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(r.as_bytes()).unwrap();
            out.extend(e.finish().unwrap());
        }
        out
    }
    let env = Env::new();
    let whole = gzipped(&records);
    env.write("c/crawl.warc.gz", &whole);
    env.write("c/cut.warc.gz", &whole[..whole.len() * 8 / 10]);
    env.write(
        "c/plain.warc",
        records.concat().replace("example.org", "example.net"),
    );
    let r = env.run(&["index", "c"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let cut: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.contains("cut.warc.gz"))
        .collect();
    assert_eq!(cut.len(), 1, "{}", r.stderr);
    assert!(cut[0].contains("kept"), "{}", r.stderr);
    let hits = env.hits(&["ballots", "-n", "20", "--all-copies"]);
    let mut urls: Vec<&str> = hits.iter().map(|h| h["url"].as_str().unwrap()).collect();
    urls.sort();
    urls.dedup();
    assert_eq!(
        urls,
        [
            "https://example.net/a",
            "https://example.net/b",
            "https://example.org/a",
            "https://example.org/b"
        ]
    );
    assert!(hits
        .iter()
        .all(|h| h["date"] == "2020-10-01" && h["title"] == "Crawled"));
}

/// A PDF made here: one page per entry, each page a list of (x, y, text) lines in the order
/// the content stream draws them, with a Title in its metadata.
fn make_pdf(pages: &[Vec<(i64, i64, String)>], title: &str, encrypt: bool) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids = Vec::new();
    for lines in pages {
        let mut ops = Vec::new();
        for (x, y, text) in lines {
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), 11.into()]));
            ops.push(Operation::new("Td", vec![(*x).into(), (*y).into()]));
            ops.push(Operation::new(
                "Tj",
                vec![Object::string_literal(text.as_str())],
            ));
            ops.push(Operation::new("ET", vec![]));
        }
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let info_id = doc.add_object(dictionary! {
        "Title" => Object::string_literal(title),
        "CreationDate" => Object::string_literal("D:20170106120000Z"),
    });
    doc.trailer.set("Info", info_id);
    if encrypt {
        let enc = doc.add_object(dictionary! {
            "Filter" => "Standard", "V" => 2, "R" => 3, "Length" => 128,
            "O" => Object::string_literal(vec![7u8; 32]), "U" => Object::string_literal(vec![9u8; 32]), "P" => -44,
        });
        doc.trailer.set("Encrypt", enc);
        doc.trailer.set(
            "ID",
            vec![
                Object::string_literal(vec![1u8; 16]),
                Object::string_literal(vec![1u8; 16]),
            ],
        );
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// PDF reports: pages in order, a running header and page numbers left out, hyphenated words
/// joined, two columns read one after the other, hits naming their page; PDFs without text,
/// encrypted or cut short are reported in one line each.
#[test]
fn pdf_reports_are_read_with_their_pages() {
    let env = Env::new();
    let line = |x: i64, y: i64, t: &str| (x, y, t.to_string());
    let page = |n: i64, body: Vec<(i64, i64, String)>| {
        let mut p = vec![line(72, 750, "Report of the Election Board")];
        p.extend(body);
        p.push(line(300, 40, &n.to_string()));
        p
    };
    let pages = vec![
        page(1, vec![line(72, 700, "The board reviewed the voting machines in every county and found them in good order.")]),
        page(2, vec![
            line(72, 700, "Left column: the audit of the paper"),
            line(72, 686, "ballots began in March."),
            line(320, 700, "Right column: observers from both"),
            line(320, 686, "parties watched the recount."),
        ]),
        page(3, vec![line(72, 700, "The commission found no interfer-"), line(72, 686, "ence with the tallies in Ohio.")]),
    ];
    env.write("c/report.pdf", make_pdf(&pages, "Board Report 2016", false));
    env.write("c/scanned.pdf", make_pdf(&[vec![], vec![]], "Scan", false));
    env.write("c/locked.pdf", make_pdf(&pages, "Locked", true));
    let whole = make_pdf(&pages, "Cut", false);
    env.write("c/cut.pdf", &whole[..whole.len() / 3]);
    let r = env.run(&["index", "c"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().filter(|l| l.contains(".pdf")).collect();
    assert_eq!(lines.len(), 3, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("scanned.pdf: no text layer (scanned PDF?)"),
        "{}",
        r.stderr
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("locked.pdf") && l.contains("encrypted PDF")),
        "{}",
        r.stderr
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("cut.pdf") && l.contains("damaged PDF")),
        "{}",
        r.stderr
    );

    let hits = env.hits(&["interference", "--all-copies"]);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0]["page"], 3);
    assert_eq!(hits[0]["title"], "Board Report 2016");
    assert_eq!(hits[0]["date"], "2017-01-06");
    let text = hits[0]["text"].as_str().unwrap();
    assert!(text.contains("no interference with the tallies"), "{text}");
    assert!(
        !text.contains("Election Board"),
        "the running header is left out: {text}"
    );
    let hits = env.hits(&["observers", "--all-copies"]);
    assert_eq!(hits[0]["page"], 2);
    let text = hits[0]["text"].as_str().unwrap();
    let (left, right) = (text.find("March").unwrap(), text.find("observers").unwrap());
    assert!(left < right, "columns in reading order: {text}");
    let r = env.run(&["search", "observers", "--color", "never"]);
    assert!(
        r.stdout.contains("report.pdf#") && r.stdout.contains(" p. 2"),
        "{}",
        r.stdout
    );
    // Non-PDF hits carry a null page.
    assert!(env.hits(&["voting"])[0]["page"] == 1);
}
