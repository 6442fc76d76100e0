//! The analysis commands (facets, timeline, quotes, export, dupes) and near-duplicate clusters,
//! on stories made up here: counts are checked against counts computed from `search --format
//! json` over the same index.

use std::collections::{BTreeMap, BTreeSet};

use crate::util::Env;

const VOCAB: [&str; 48] = [
    "ballot",
    "county",
    "officials",
    "reviewed",
    "machines",
    "after",
    "the",
    "vote",
    "in",
    "district",
    "board",
    "members",
    "said",
    "records",
    "showed",
    "no",
    "changes",
    "to",
    "totals",
    "audit",
    "teams",
    "checked",
    "paper",
    "forms",
    "against",
    "tallies",
    "while",
    "observers",
    "from",
    "both",
    "parties",
    "watched",
    "a",
    "recount",
    "began",
    "on",
    "monday",
    "and",
    "ended",
    "by",
    "friday",
    "with",
    "small",
    "differences",
    "reported",
    "clerks",
    "signed",
    "it",
];

/// A made-up story of `sentences` sentences; different seeds give unrelated texts.
fn story(seed: u64, sentences: usize) -> Vec<String> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) as usize
    };
    (0..sentences)
        .map(|_| {
            let n = 9 + next() % 8;
            let words: Vec<&str> = (0..n).map(|_| VOCAB[next() % VOCAB.len()]).collect();
            let mut s = words.join(" ");
            s[..1].make_ascii_uppercase();
            s + "."
        })
        .collect()
}

fn paragraphs(sentences: &[String]) -> Vec<String> {
    sentences.chunks(4).map(|c| c.join(" ")).collect()
}

fn line(id: &str, date: &str, source: &str, title: &str, text: &str) -> String {
    serde_json::json!({"id": id, "date": date, "source": source, "title": title, "text": text})
        .to_string()
        + "\n"
}

/// An original wire story and four syndicated copies: a new headline, a byline and a trailer, a
/// paragraph dropped, a few words edited; plus unrelated stories.
fn syndication(env: &Env) {
    let paras = paragraphs(&story(7, 40));
    let original = paras.join("\n\n");
    let mut rows = line(
        "wire-1",
        "2020-10-01",
        "Wire",
        "Officials review ballots",
        &original,
    );
    let bylined = format!("By Jane Roe, Staff Writer\n\n{original}\n\nCopyright Example Media. All rights reserved. Subscribe for more.");
    rows += &line(
        "copy-byline",
        "2020-10-02",
        "Daily A",
        "County checks its machines",
        &bylined,
    );
    let dropped: Vec<&str> = paras
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 3)
        .map(|(_, p)| p.as_str())
        .collect();
    rows += &line(
        "copy-dropped",
        "2020-10-03",
        "Daily B",
        "Audit goes on",
        &dropped.join("\n\n"),
    );
    let edited = original
        .replacen("ballot", "paper ballot", 3)
        .replacen("county", "state", 2);
    rows += &line(
        "copy-edited",
        "2020-10-02",
        "Daily C",
        "Recount news",
        &edited,
    );
    rows += &line(
        "copy-same",
        "2020-10-05",
        "Daily D",
        "A headline of its own",
        &original,
    );
    for i in 0..6u64 {
        let text = paragraphs(&story(100 + i, 24)).join("\n\n");
        let date = format!("2020-{:02}-15", 8 + i % 4);
        rows += &line(
            &format!("other-{i}"),
            &date,
            "Gazette",
            &format!("Story {i}"),
            &text,
        );
    }
    env.write("c/news.jsonl", rows);
}

fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn dupes(env: &Env, index: &str) -> Vec<serde_json::Value> {
    let r = env.run(&["--index", index, "dupes", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    json_lines(&r.stdout)
}

#[test]
fn syndicated_copies_join_their_original_and_search_collapses_them() {
    let env = Env::new();
    syndication(&env);
    assert_eq!(env.run(&["index", "c"]).code, 0);
    let ix = env.path("ix");
    let ix = ix.to_str().unwrap();
    let clusters = dupes(&env, ix);
    assert_eq!(clusters.len(), 1, "{clusters:#?}");
    assert_eq!(clusters[0]["cluster"], "wire-1");
    assert_eq!(clusters[0]["size"], 5);
    let members: Vec<&str> = clusters[0]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    // Earliest first (then by id).
    assert_eq!(
        members,
        [
            "wire-1",
            "copy-byline",
            "copy-edited",
            "copy-dropped",
            "copy-same"
        ]
    );

    // A word of the story: one article of the cluster, its copies counted.
    let collapsed = env.hits(&["recount", "-n", "100"]);
    let all = env.hits(&["recount", "-n", "100", "--all-copies"]);
    let ids = |h: &[serde_json::Value]| -> BTreeSet<String> {
        h.iter()
            .map(|x| x["doc_id"].as_str().unwrap().to_string())
            .collect()
    };
    let in_cluster = |h: &[serde_json::Value]| {
        ids(h)
            .iter()
            .filter(|i| members.contains(&i.as_str()))
            .count()
    };
    assert_eq!(in_cluster(&collapsed), 1, "{:?}", ids(&collapsed));
    assert_eq!(in_cluster(&all), 5, "{:?}", ids(&all));
    for h in &collapsed {
        if members.contains(&h["doc_id"].as_str().unwrap()) {
            assert_eq!(h["copies"], 4);
            assert_eq!(h["cluster"], "wire-1");
        } else {
            assert_eq!(h["copies"], 0);
            assert_eq!(h["cluster"], h["doc_id"]);
        }
    }
    // --per-article caps passages of one article.
    let capped = env.hits(&["recount", "-n", "100", "--all-copies", "--per-article", "1"]);
    assert_eq!(capped.len(), ids(&all).len());
    // Text output says how many copies hide behind a hit.
    let r = env.run(&["search", "recount", "-n", "100", "--color", "never"]);
    assert!(r.stdout.contains("+4 copies"), "{}", r.stdout);
}

#[test]
fn clusters_are_the_same_after_incremental_runs_prune_and_merge() {
    let env = Env::new();
    syndication(&env);
    let whole = env.path("whole");
    let whole = whole.to_str().unwrap();
    assert_eq!(env.run(&["--index", whole, "index", "c"]).code, 0);
    let expected = dupes(&env, whole);

    // The same lines split over two files indexed in two runs, the copies first.
    let all = std::fs::read_to_string(env.path("c/news.jsonl")).unwrap();
    let (originals, copies): (Vec<&str>, Vec<&str>) =
        all.lines().partition(|l| !l.contains("\"copy-"));
    env.write("d/copies.jsonl", copies.join("\n") + "\n");
    let inc = env.path("inc");
    let inc = inc.to_str().unwrap();
    assert_eq!(env.run(&["--index", inc, "index", "d"]).code, 0);
    env.write("d/originals.jsonl", originals.join("\n") + "\n");
    assert_eq!(env.run(&["--index", inc, "index", "d"]).code, 0);
    assert_eq!(dupes(&env, inc), expected);

    // Pruning the originals' file takes the earliest article away: the copies stay a cluster,
    // named after the earliest copy.
    std::fs::remove_file(env.path("d/originals.jsonl")).unwrap();
    assert_eq!(env.run(&["--index", inc, "index", "--prune", "d"]).code, 0);
    let pruned = dupes(&env, inc);
    assert_eq!(pruned.len(), 1);
    assert_eq!(pruned[0]["cluster"], "copy-byline");
    assert_eq!(pruned[0]["size"], 4);

    // Shards merged: the same clusters as one run.
    for (k, name) in [("1/2", "s1"), ("2/2", "s2")] {
        let p = env.path(name);
        assert_eq!(
            env.run(&["--index", p.to_str().unwrap(), "index", "--shard", k, "c"])
                .code,
            0
        );
    }
    let merged = env.path("merged");
    let r = env.run(&[
        "merge",
        merged.to_str().unwrap(),
        env.path("s1").to_str().unwrap(),
        env.path("s2").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(dupes(&env, merged.to_str().unwrap()), expected);
}

/// Facet and timeline counts equal counts made from every search hit.
#[test]
fn facets_and_timeline_count_what_search_finds() {
    let env = Env::new();
    syndication(&env);
    let mut extra = String::new();
    for (i, (who, date)) in [
        ("Jane Roe", "2020-08-03"),
        ("John Doe", "2020-09-21"),
        ("Jane Roe", "2020-11-30"),
    ]
    .iter()
    .enumerate()
    {
        let text = format!(
            "{} met officials of the Election Commission in Ohio.\n\n\"The recount was fair,\" {} said on Tuesday. {}",
            who, who, story(300 + i as u64, 6).join(" ")
        );
        extra += &line(&format!("q{i}"), date, "Herald", "Meeting", &text);
    }
    env.write("c/more.jsonl", extra);
    assert_eq!(env.run(&["index", "c"]).code, 0);
    for copies in [true, false] {
        let flag: &[&str] = if copies { &["--all-copies"] } else { &[] };
        let hits = env.hits(&["recount", "-n", "100000", "--all-copies"]);
        // Expected, from the hits: an article counts once, or once per cluster.
        let key = |h: &serde_json::Value| {
            if copies {
                h["doc_id"].as_str().unwrap().to_string()
            } else {
                h["cluster"].as_str().unwrap().to_string()
            }
        };
        let mut by_actor: BTreeMap<String, (BTreeSet<String>, u64)> = BTreeMap::new();
        let mut by_month: BTreeMap<String, (BTreeSet<String>, u64)> = BTreeMap::new();
        for h in &hits {
            for a in h["actors"].as_array().unwrap() {
                let e = by_actor.entry(a.as_str().unwrap().to_string()).or_default();
                e.0.insert(key(h));
                e.1 += 1;
            }
            let month = format!("{}-01", &h["date"].as_str().unwrap()[..7]);
            let e = by_month.entry(month).or_default();
            e.0.insert(key(h));
            e.1 += 1;
        }
        let mut args = vec![
            "facets", "recount", "--by", "actor", "--top", "1000", "--format", "json",
        ];
        args.extend_from_slice(flag);
        let r = env.run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let facets = json_lines(&r.stdout);
        assert_eq!(facets.len(), by_actor.len(), "{facets:#?}");
        for f in &facets {
            let (articles, passages) = &by_actor[f["value"].as_str().unwrap()];
            assert_eq!(f["articles"], articles.len() as u64, "{f}");
            assert_eq!(f["passages"], *passages, "{f}");
        }
        // Largest first.
        assert!(facets
            .windows(2)
            .all(|w| w[0]["articles"].as_u64() >= w[1]["articles"].as_u64()));

        let mut args = vec!["timeline", "recount", "--by", "month", "--format", "json"];
        args.extend_from_slice(flag);
        let r = env.run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let points = json_lines(&r.stdout);
        // Every month from August to November, September... none skipped.
        let periods: Vec<&str> = points
            .iter()
            .map(|p| p["period"].as_str().unwrap())
            .collect();
        assert_eq!(
            periods,
            ["2020-08-01", "2020-09-01", "2020-10-01", "2020-11-01"]
        );
        for p in &points {
            let (articles, passages) = by_month
                .get(p["period"].as_str().unwrap())
                .map_or((0, 0), |(a, n)| (a.len() as u64, *n));
            assert_eq!(p["articles"], articles, "{p}");
            assert_eq!(p["passages"], passages, "{p}");
            assert_eq!(p["query"], "recount");
        }
    }
    // The cluster of five counts once in October by default, five times with all copies.
    let october = |flag: &[&str]| {
        let mut args = vec!["timeline", "officials", "--by", "month", "--format", "json"];
        args.extend_from_slice(flag);
        json_lines(&env.run(&args).stdout)
            .into_iter()
            .find(|p| p["period"] == "2020-10-01")
            .unwrap()["articles"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(october(&[]) + 4, october(&["--all-copies"]));

    // Two series side by side, and the chart.
    let r = env.run(&[
        "timeline",
        "recount",
        "fair",
        "--by",
        "year",
        "--format",
        "csv",
        "--plot",
        "chart.svg",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(rows[0], "query,period,articles,passages");
    assert_eq!(rows.len(), 3, "{}", r.stdout);
    assert!(
        rows[1].starts_with("recount,2020-01-01,") && rows[2].starts_with("fair,2020-01-01,3,"),
        "{}",
        r.stdout
    );
    let svg = std::fs::read_to_string(env.path("chart.svg")).unwrap();
    assert!(
        svg.starts_with("<svg")
            && svg.contains("recount")
            && svg.contains("fair")
            && svg.contains("<polyline"),
        "{svg}"
    );
    // The same chart as PNG: both series' colors drawn, and the title's glyphs.
    let r = env.run(&[
        "timeline",
        "recount",
        "fair",
        "--by",
        "year",
        "--plot",
        "chart.png",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (size, pixels) = png_pixels(&env.path("chart.png"));
    assert_eq!(size, (960, 480));
    let has = |rgb: [u8; 3]| pixels.contains(&rgb);
    assert!(
        has([31, 119, 180]) && has([214, 39, 40]),
        "both series are drawn"
    );
    let title_ink = pixels[..960 * 40]
        .iter()
        .filter(|p| p.iter().all(|&c| c < 128))
        .count();
    assert!(
        title_ink > 200,
        "the title is drawn ({title_ink} dark pixels)"
    );
    let r = env.run(&["timeline", "recount", "--plot", "chart.gif"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);

    // Quotes: the quotation once, with its speaker and the others that carry it.
    let r = env.run(&["quotes", "--speaker", "jane roe", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let q = json_lines(&r.stdout);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(q[0]["speaker"], "Jane Roe");
    assert_eq!(q[0]["date"], "2020-08-03");
    assert_eq!(q[0]["doc_id"], "q0");
    // John Doe's article says it too, but the filter leaves it out of the matching set.
    assert_eq!(q[0]["copies"], 1);
    let r = env.run(&["quotes", "fair", "--format", "json"]);
    let q = json_lines(&r.stdout);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(
        (&q[0]["doc_id"], &q[0]["copies"]),
        (&"q0".into(), &2.into())
    );
}

/// The name tables kept beside the index for `facets` (`dossier-facets-*.bin`) follow it: after
/// an incremental run, after `merge` and over a damaged file, names are counted as one run over
/// the same files counts them.
#[test]
fn facet_name_tables_follow_incremental_runs_and_merge() {
    let env = Env::new();
    let article = |i: u64, date: &str, who: &str| {
        let text = format!(
            "{who} met officials of the Election Commission in Ohio.\n\n\"The recount was fair,\" {who} said on Tuesday. {}",
            story(500 + i, 5).join(" ")
        );
        line(&format!("n{i}"), date, "Herald", "Meeting", &text)
    };
    // The second file brings a variant of a name of the first and a new name.
    let first = article(1, "2020-08-03", "Jane Roe")
        + &article(2, "2020-08-04", "Jane Roe")
        + &article(3, "2020-08-05", "John Doe");
    let second = article(4, "2020-09-01", "Jane Q. Roe")
        + &article(5, "2020-09-02", "Richard Poe")
        + &article(6, "2020-09-03", "Jane Roe");
    env.write("both/first.jsonl", &first);
    env.write("both/second.jsonl", &second);
    let facets = |index: &str, by: &str| {
        let r = env.run(&[
            "--index", index, "facets", "*", "--by", by, "--top", "100", "--format", "json",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    let path = |name: &str| env.path(name).to_str().unwrap().to_string();
    let whole = path("whole");
    assert_eq!(env.run(&["--index", &whole, "index", "both"]).code, 0);
    let expected: Vec<String> = ["actor", "speaker"]
        .iter()
        .map(|by| facets(&whole, by))
        .collect();
    // The variant counts with the full name, in the three articles that name her.
    let roe = json_lines(&expected[0])
        .into_iter()
        .find(|f| f["value"] == "Jane Roe")
        .expect("Jane Roe is an actor");
    assert_eq!(roe["articles"], 4, "{}", expected[0]);
    assert!(expected[0].contains("Richard Poe"), "{}", expected[0]);
    let same = |index: &str| {
        for (by, want) in ["actor", "speaker"].iter().zip(&expected) {
            assert_eq!(&facets(index, by), want, "{index} by {by}");
        }
    };

    // Incremental: the table made after the first run is not used after the second.
    let inc = path("inc");
    env.write("d/first.jsonl", &first);
    assert_eq!(env.run(&["--index", &inc, "index", "d"]).code, 0);
    let before = facets(&inc, "actor");
    assert!(!before.contains("Richard Poe"), "{before}");
    let table = env.path("inc/dossier-facets-actor_name.bin");
    assert!(table.is_file(), "the table is kept beside the index");
    env.write("d/second.jsonl", &second);
    assert_eq!(env.run(&["--index", &inc, "index", "d"]).code, 0);
    same(&inc);

    // A damaged table is built again, never believed.
    let bytes = std::fs::read(&table).unwrap();
    let mut flipped = bytes.clone();
    for b in flipped.iter_mut().skip(100) {
        *b = 0xff;
    }
    std::fs::write(&table, &flipped).unwrap();
    same(&inc);
    std::fs::write(&table, &bytes[..bytes.len() / 2]).unwrap();
    same(&inc);

    // Shards, each with its tables, merged: the tables of the merged index are its own.
    for (k, name) in [("1/2", "s1"), ("2/2", "s2")] {
        let p = path(name);
        assert_eq!(
            env.run(&["--index", &p, "index", "--shard", k, "both"])
                .code,
            0
        );
        facets(&p, "actor");
        facets(&p, "speaker");
    }
    let merged = path("merged");
    let r = env.run(&["merge", &merged, &path("s1"), &path("s2")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    same(&merged);
}

#[test]
fn an_export_indexes_back_unchanged() {
    let env = Env::new();
    syndication(&env);
    env.write("c/spaced.txt", "A title\n\n  Leading spaces, then a paragraph about the ballot.\n\n\n\nAnd a last one after blank lines.  \n");
    assert_eq!(env.run(&["index", "c"]).code, 0);
    let r = env.run(&["export", "*", "--out", "first.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let first = std::fs::read_to_string(env.path("first.jsonl")).unwrap();
    assert_eq!(first.lines().count(), 12);
    let spaced = json_lines(&first)
        .into_iter()
        .find(|a| a["title"] == "A title")
        .unwrap();
    assert_eq!(spaced["text"], "  Leading spaces, then a paragraph about the ballot.\n\n\n\nAnd a last one after blank lines.  \n");

    let again = env.path("again");
    assert_eq!(
        env.run(&["--index", again.to_str().unwrap(), "index", "first.jsonl"])
            .code,
        0
    );
    let r = env.run(&["--index", again.to_str().unwrap(), "export"]);
    let strip = |s: &str| -> Vec<serde_json::Value> {
        json_lines(s)
            .into_iter()
            .map(|mut v| {
                v.as_object_mut().unwrap().remove("path");
                v
            })
            .collect()
    };
    assert_eq!(strip(&r.stdout), strip(&first));

    // Matching passages and --unique.
    let r = env.run(&["export", "recount", "--unique", "--format", "json"]);
    let arts = json_lines(&r.stdout);
    assert_eq!(arts.iter().filter(|a| a["cluster"] == "wire-1").count(), 1);
    assert!(arts
        .iter()
        .all(|a| !a["matched_passages"].as_array().unwrap().is_empty()));
    let r = env.run(&["export", "recount", "--format", "csv"]);
    assert!(r.stdout.starts_with("id,title,date,path,actors,dates,quotes,partial_quotes,passages,source,url,author,text,matched_passages,cluster\n"), "{}", &r.stdout[..200]);
}

/// Whoever is quoted is one of the passage's actors, a descriptive "the" aside.
#[test]
fn a_quoted_organization_is_an_actor() {
    let env = Env::new();
    env.write(
        "c/e.txt",
        "Embassy statement\n\n\"We reject these baseless claims about the vote,\" the Russian Embassy said in a statement on Friday.\n",
    );
    assert_eq!(env.run(&["index", "c"]).code, 0);
    let hits = env.hits(&["claims"]);
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0]["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Russian Embassy"),
        "{:?}",
        hits[0]["actors"]
    );
    assert_eq!(env.hits(&["*", "--actor", "russian embassy"]).len(), 1);
}

/// The mentions axis counts by the dates passages mention, each only at its own granularity or
/// coarser.
#[test]
fn timeline_by_mentioned_dates() {
    let env = Env::new();
    env.write(
        "c/m.jsonl",
        line(
            "m1",
            "2021-03-01",
            "Wire",
            "Looking back",
            "The audit of the ballots began on October 5, 2020, after the count. Officials compared it with the review of 2019.",
        ),
    );
    assert_eq!(env.run(&["index", "c"]).code, 0);
    let run = |by: &str| -> Vec<(String, u64)> {
        let r = env.run(&[
            "timeline",
            "*",
            "--by",
            by,
            "--mentions-axis",
            "--format",
            "json",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        json_lines(&r.stdout)
            .into_iter()
            .filter(|p| p["passages"].as_u64().unwrap() > 0)
            .map(|p| {
                (
                    p["period"].as_str().unwrap().to_string(),
                    p["passages"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    // The day counts under its month; the year alone does not.
    assert_eq!(run("month"), [("2020-10-01".to_string(), 1)]);
    assert_eq!(
        run("year"),
        [("2019-01-01".to_string(), 1), ("2020-01-01".to_string(), 1)]
    );
    // By the article date instead: March 2021.
    let r = env.run(&["timeline", "*", "--by", "month", "--format", "csv"]);
    assert!(r.stdout.contains("*,2021-03-01,1,1"), "{}", r.stdout);
}

/// The size and RGB pixels of a PNG file.
fn png_pixels(path: &std::path::Path) -> ((u32, u32), Vec<[u8; 3]>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    let pixels = buf[..info.buffer_size()]
        .chunks(step)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    ((info.width, info.height), pixels)
}
