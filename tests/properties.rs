//! Property tests: random and adversarial queries through the whole query path, random text
//! through the extractors. A short run is part of `cargo test`; the long run is
//! `DOSSIER_FUZZ_CASES=100000 cargo test --release --test integration properties`.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::util::Env;
use dossier::error::Error;
use dossier::search::{self, Request, SortBy};

fn cases(default: u32) -> u32 {
    std::env::var("DOSSIER_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Pieces queries are made of: operators, fields, quotes, parentheses, odd characters.
fn query_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("AND".to_string()),
        Just("OR".to_string()),
        Just("NOT".to_string()),
        Just("-".to_string()),
        Just("*".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(":".to_string()),
        Just("title:".to_string()),
        Just("quote:".to_string()),
        Just("actor:".to_string()),
        Just("speaker:".to_string()),
        Just("nosuch:".to_string()),
        Just("ballot".to_string()),
        Just("vot*".to_string()),
        Just("2021-02-30".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{0}".to_string()),
        "[a-z]{1,12}\\*?".prop_map(|s| s),
        "\\PC{0,6}".prop_map(|s| s),
        "[\\x00-\\x7f]{0,8}".prop_map(|s| s),
        (1usize..3000).prop_map(|n| "w".repeat(n)),
    ]
}

fn query() -> impl Strategy<Value = String> {
    prop::collection::vec(query_piece(), 0..24).prop_map(|parts| parts.join(" "))
}

#[test]
fn random_queries_are_answered_or_refused_in_one_line() {
    let env = Env::new();
    env.write(
        "c/a.txt",
        "Officials said \"ballots were counted\" in Ohio on March 3, 2020.\n\nVoting systems held.",
    );
    env.write(
        "c/b.jsonl",
        "{\"id\":\"b\",\"title\":\"Vote\",\"text\":\"The senator voted; the vote held.\"}\n",
    );
    assert_eq!(env.run(&["index", "c"]).code, 0);
    let store = dossier::index::Store::open(&env.path("ix")).unwrap();
    let mut runner = TestRunner::new(Config {
        cases: cases(2000),
        failure_persistence: None,
        ..Config::default()
    });
    let actor = prop_oneof![Just(String::new()), "\\PC{0,12}"];
    runner
        .run(&(query(), actor, any::<bool>()), |(q, actor, by_date)| {
            let req = Request {
                query: q.clone(),
                actors: if actor.is_empty() {
                    vec![]
                } else {
                    vec![actor]
                },
                limit: 5,
                sort: if by_date { SortBy::Date } else { SortBy::Score },
                ..Request::default()
            };
            match search::search(&store, &store.searcher().unwrap(), &req) {
                Ok(hits) => {
                    for h in hits {
                        let n = h.text.chars().count();
                        prop_assert!(h.highlights.iter().all(|[s, e]| s < e && *e <= n));
                    }
                }
                Err(e @ (Error::Query(_) | Error::Usage(_))) => {
                    prop_assert!(!e.to_string().contains('\n'), "{q:?}: {e}");
                }
                Err(e) => prop_assert!(false, "{q:?}: unexpected error {e}"),
            }
            Ok(())
        })
        .unwrap();
    // Dates on the command line are checked, never guessed.
    assert!(search::parse_period("2021-02-30", false).is_err());
    assert!(search::parse_period("99999", false).is_err());
}

/// Text with the shapes extractors care about: quotes, capitals, dates, newlines, Unicode.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("'".to_string()),
        Just("’".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(". ".to_string()),
        Just("said".to_string()),
        Just("he said,".to_string()),
        Just("according to".to_string()),
        Just("President Joe Biden".to_string()),
        Just("U.S.".to_string()),
        Just("Mr.".to_string()),
        Just("January 7".to_string()),
        Just("Tuesday".to_string()),
        Just("2021".to_string()),
        Just("last week".to_string()),
        Just("3/16/2021".to_string()),
        "[A-Z][a-z]{0,8}",
        "[a-z]{1,8}",
        "[0-9]{1,5}",
        "\\PC{0,4}",
        "[\\x00-\\x7f]{0,4}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|p| p.join(" "))
}

#[test]
fn extractors_never_panic_and_offsets_are_valid() {
    let mut runner = TestRunner::new(Config {
        cases: cases(1500),
        failure_persistence: None,
        ..Config::default()
    });
    let anchor = prop_oneof![
        Just(None),
        (1990i32..2030, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| dossier::extract::types::CivilDate::new(y, m, d))
    ];
    runner
        .run(&(text(), anchor), |(t, anchor)| {
            let ex = dossier::extract::extract(&t, anchor);
            let ok = |s: usize, e: usize| {
                s <= e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e)
            };
            prop_assert!(ex
                .passages
                .iter()
                .all(|p| ok(p.start, p.end) && p.start < p.end));
            prop_assert!(ex.passages.windows(2).all(|w| w[0].end <= w[1].start));
            prop_assert!(ex
                .actors
                .iter()
                .all(|a| ok(a.start, a.end) && a.start < a.end && !a.name.is_empty()));
            prop_assert!(ex
                .dates
                .iter()
                .all(|d| ok(d.start, d.end) && d.start < d.end && !d.value.is_empty()));
            prop_assert!(ex.quotes.iter().all(|q| ok(q.start, q.end)));
            prop_assert!(ex
                .quotes
                .iter()
                .all(|q| q.speaker_span.is_none_or(|(s, e)| ok(s, e))));
            // Sorted by start, as passage documents assume when they pick each passage's
            // mentions by binary search.
            prop_assert!(ex.actors.windows(2).all(|w| w[0].start <= w[1].start));
            prop_assert!(ex.dates.windows(2).all(|w| w[0].start <= w[1].start));
            prop_assert!(ex.quotes.windows(2).all(|w| w[0].start <= w[1].start));
            prop_assert!(ex
                .partial_quotes
                .windows(2)
                .all(|w| w[0].start <= w[1].start));
            // The JSON contract is valid JSON with character offsets inside the text.
            let a = dossier::ingest::Article {
                id: "x".into(),
                text: t.clone(),
                ..Default::default()
            };
            let json =
                serde_json::to_string(&dossier::output::json::ArticleExtraction::new(&a, &ex))
                    .unwrap();
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            let n = t.chars().count() as u64;
            for key in ["actors", "dates", "quotes", "passages"] {
                for item in v[key].as_array().unwrap() {
                    prop_assert!(item["start"].as_u64().unwrap() <= item["end"].as_u64().unwrap());
                    prop_assert!(item["end"].as_u64().unwrap() <= n);
                }
            }
            Ok(())
        })
        .unwrap();
}

const WORDS: [&str; 10] = [
    "ballot", "ballots", "county", "counted", "voting", "votes", "machine", "audit", "review",
    "board",
];

/// A passage of words from [`WORDS`], some of it inside quotation marks.
fn passage() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(0..WORDS.len(), 4..14),
        prop::collection::vec(0..WORDS.len(), 0..6),
    )
        .prop_map(|(plain, quoted)| {
            let words = |ix: &[usize]| ix.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
            let mut s = format!("Officials {}.", words(&plain));
            if !quoted.is_empty() {
                s.push_str(&format!(" \"The {} held,\" Jane Roe said.", words(&quoted)));
            }
            s
        })
}

/// A query of words, phrases and prefixes from [`WORDS`], in any field but names, joined by AND
/// and OR (no negation, so every hit matched on something the highlighter can mark).
fn positive_query() -> impl Strategy<Value = String> {
    let atom = (
        prop_oneof![Just(""), Just("text:"), Just("title:"), Just("quote:")],
        prop_oneof![
            (0..WORDS.len()).prop_map(|i| WORDS[i].to_string()),
            (0..WORDS.len(), 0..WORDS.len())
                .prop_map(|(a, b)| format!("\"{} {}\"", WORDS[a], WORDS[b])),
            (0..WORDS.len(), 3usize..6)
                .prop_map(|(i, n)| format!("{}*", &WORDS[i][..n.min(WORDS[i].len())])),
        ],
    )
        .prop_map(|(field, body)| format!("{field}{body}"));
    (prop::collection::vec(atom, 1..4), any::<bool>())
        .prop_map(|(atoms, or)| atoms.join(if or { " OR " } else { " " }))
}

/// Whether `word` is one of the query's words (same stem) or starts with one of its prefixes.
fn matches_query(word: &str, query: &str) -> bool {
    let stem = |w: &str| -> String {
        let mut a = dossier::index::en_stem();
        let mut s = a.token_stream(w);
        let mut out = String::new();
        while s.advance() {
            out = s.token().text.clone();
        }
        out
    };
    let w = word.to_lowercase();
    query
        .split(|c: char| c.is_whitespace() || c == '"' || c == ':')
        .filter(|t| !t.is_empty() && !matches!(*t, "OR" | "text" | "title" | "quote"))
        .any(|t| match t.strip_suffix('*') {
            // As the index matches a prefix: words or stems starting with it, and the stems it
            // stands for (its own, and itself with up to three letters cut).
            Some(prefix) => {
                let s = stem(&w);
                let n = prefix.chars().count();
                w.starts_with(prefix)
                    || s.starts_with(prefix)
                    || s == stem(prefix)
                    || (1..=3).any(|cut| {
                        n >= cut + 3 && s == prefix.chars().take(n - cut).collect::<String>()
                    })
            }
            None => stem(&w) == stem(t),
        })
}

/// Highlights are real matches, and every hit of a positive query shows at least one.
#[test]
fn highlights_are_real_matches_and_every_hit_has_one() {
    let env = Env::new();
    let mut runner = TestRunner::new(Config {
        cases: cases(24),
        failure_persistence: None,
        ..Config::default()
    });
    let corpus = prop::collection::vec(
        (passage(), prop::collection::vec(0..WORDS.len(), 1..4)),
        3..8,
    );
    let counter = std::cell::Cell::new(0);
    runner
        .run(
            &(corpus, prop::collection::vec(positive_query(), 6)),
            |(articles, queries)| {
                counter.set(counter.get() + 1);
                let n = counter.get();
                let dir = format!("c{n}");
                for (i, (text, title)) in articles.iter().enumerate() {
                    let title: Vec<&str> = title.iter().map(|&t| WORDS[t]).collect();
                    env.write(
                        &format!("{dir}/{i}.md"),
                        format!("---\ntitle: {}\n---\n\n{text}\n", title.join(" ")),
                    );
                }
                let ix = env.path(&format!("ix{n}"));
                let ix = ix.to_str().unwrap();
                let r = env.run(&["--index", ix, "index", &dir]);
                prop_assert_eq!(r.code, 0, "{}", r.stderr);
                for q in &queries {
                    let r = env.run(&[
                        "--index",
                        ix,
                        "search",
                        q,
                        "--format",
                        "json",
                        "-n",
                        "100",
                        "--all-copies",
                    ]);
                    prop_assert!(r.code == 0 || r.code == 1, "{q}: {}", r.stderr);
                    for line in r.stdout.lines() {
                        let hit: serde_json::Value = serde_json::from_str(line).unwrap();
                        let marks = |text_key: &str, spans_key: &str| -> Vec<String> {
                            let chars: Vec<char> =
                                hit[text_key].as_str().unwrap().chars().collect();
                            hit[spans_key]
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|s| {
                                    chars[s[0].as_u64().unwrap() as usize
                                        ..s[1].as_u64().unwrap() as usize]
                                        .iter()
                                        .collect()
                                })
                                .collect()
                        };
                        let all: Vec<String> = marks("text", "highlights")
                            .into_iter()
                            .chain(marks("title", "title_highlights"))
                            .collect();
                        prop_assert!(!all.is_empty(), "{q}: a hit without a mark: {hit}");
                        for m in &all {
                            for word in m
                                .split(|c: char| !c.is_alphanumeric())
                                .filter(|w| !w.is_empty())
                            {
                                prop_assert!(
                                    matches_query(word, q),
                                    "{q}: marked `{word}` in `{m}`: {hit}"
                                );
                            }
                        }
                    }
                }
                Ok(())
            },
        )
        .unwrap();
}
