//! Boilerplate lines are left out of passages and extraction, the same whichever way the index was
//! built (one run, several runs, merged shards), and kept with `--keep-boilerplate`.

use crate::util::Env;

const WORDS: [&str; 12] = [
    "ballot", "senator", "county", "audit", "embassy", "minister", "recount", "court", "agency",
    "voter", "machine", "campaign",
];

/// `n` articles of one source, each with its own story, a repeated "Advertisement" line, a
/// repeated newsletter prompt, a repeated sentence, a photo credit and a link list, as JSON Lines in `files` files.
fn gazette(env: &Env, n: usize, files: usize) {
    for f in 0..files {
        let mut out = String::new();
        for a in (0..n).filter(|a| a % files == f) {
            let story: Vec<&str> = (0..40)
                .map(|i| WORDS[(a * 5 + i * 7 + i / 3) % 12])
                .collect();
            let text = format!(
                "GLASGOW (Wire) -- The {} inquiry opened on day {a}. {}.\nAdvertisement\nOfficials from the {} office met the press. REUTERS/Jane Doe - RC19CEF{:05}\nSign up for our Daily Briefing newsletter\n\n{}.\nClick here for reprint permission.\n\nRelated:\nSenate Panel Opens New Inquiry Into Ads\nWhat We Know About the Hacked Emails",
                WORDS[a % 12],
                story[..20].join(" "),
                WORDS[(a + 3) % 12],
                a,
                story[20..].join(" "),
            );
            out.push_str(&serde_json::json!({"id": format!("g{a}"), "source": "Gazette", "date": "2020-05-01", "text": text}).to_string());
            out.push('\n');
        }
        env.write(&format!("gz/{f}.jsonl"), out);
    }
}

fn every_passage(env: &Env, index: &str) -> Vec<(String, String)> {
    let r = env.run(&[
        "--index",
        index,
        "search",
        "*",
        "--format",
        "json",
        "-n",
        "10000",
        "--all-copies",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut out: Vec<(String, String)> = r
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["doc_id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn boilerplate_is_left_out_of_passages_and_extraction() {
    let env = Env::new();
    gazette(&env, 14, 1);
    let r = env.run(&["index", "gz"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let passages = every_passage(&env, "ix");
    assert!(!passages.is_empty());
    for (id, text) in &passages {
        for junk in [
            "Advertisement",
            "REUTERS",
            "Daily Briefing",
            "Related:",
            "Hacked Emails",
        ] {
            assert!(!text.contains(junk), "{id}: {junk} in {text:?}");
        }
    }
    // The dateline stays: it carries the place.
    assert!(passages
        .iter()
        .any(|(_, t)| t.starts_with("GLASGOW (Wire) --")));
    assert_eq!(env.run(&["search", "advertisement"]).code, 1);
    let r = env.run(&[
        "facets", "*", "--by", "actor", "--format", "json", "--top", "50",
    ]);
    assert!(!r.stdout.contains("Jane Doe"), "{}", r.stdout);
    // Export gives back the exact text, boilerplate included.
    let r = env.run(&["export", "inquiry", "--format", "jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    assert!(v["text"].as_str().unwrap().contains("\nAdvertisement\n"));

    // With --keep-boilerplate the lines are text like any other; an index keeps its choice.
    let r = env.run(&["index", "gz", "--keep-boilerplate"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--rebuild"), "{}", r.stderr);
    let r = env.run(&["index", "gz", "--keep-boilerplate", "--rebuild"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(env.run(&["search", "advertisement"]).code, 0);
}

#[test]
fn runs_and_merges_settle_on_the_one_run_answer() {
    let env = Env::new();
    gazette(&env, 16, 4);
    let ix = |name: &str| env.path(name).to_string_lossy().into_owned();
    // One run over everything.
    assert_eq!(env.run(&["--index", &ix("one"), "index", "gz"]).code, 0);
    let one = every_passage(&env, &ix("one"));
    assert!(!one.iter().any(|(_, t)| t.contains("reprint permission")));

    // File by file: the sentence becomes repeated only when its tenth article arrives (the third
    // file), and the articles indexed before that are settled again.
    for f in 0..4 {
        let file = format!("gz/{f}.jsonl");
        let r = env.run(&["--index", &ix("inc"), "index", &file]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    assert_eq!(every_passage(&env, &ix("inc")), one);

    // Removing files makes the sentence rare again: the rest get it back as text.
    for f in 1..4 {
        std::fs::remove_file(env.path(&format!("gz/{f}.jsonl"))).unwrap();
    }
    let r = env.run(&["--index", &ix("inc"), "index", "gz", "--prune"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pruned = every_passage(&env, &ix("inc"));
    assert!(pruned.iter().any(|(_, t)| t.contains("reprint permission")));
    assert!(!pruned.iter().any(|(_, t)| t.contains("Advertisement")));
    assert_eq!(env.run(&["--index", &ix("fresh"), "index", "gz"]).code, 0);
    assert_eq!(pruned, every_passage(&env, &ix("fresh")));

    // Shards each see too few articles; their merge counts them all.
    gazette(&env, 16, 4);
    for (k, dir) in [("1/2", "s1"), ("2/2", "s2")] {
        let r = env.run(&["--index", &ix(dir), "index", "--shard", k, "gz"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let shard = every_passage(&env, &ix(dir));
        assert!(
            shard.iter().any(|(_, t)| t.contains("reprint permission")),
            "{k}"
        );
    }
    let r = env.run(&["merge", &ix("merged"), &ix("s1"), &ix("s2")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(every_passage(&env, &ix("merged")), one);
}

#[test]
fn extract_leaves_credits_and_link_lists_aside_with_offsets_into_the_text() {
    let env = Env::new();
    gazette(&env, 1, 1);
    let r = env.run(&["extract", "gz", "--format", "jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let text = std::fs::read_to_string(env.path("gz/0.jsonl")).unwrap();
    let text: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    let chars: Vec<char> = text["text"].as_str().unwrap().chars().collect();
    let names: Vec<String> = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let (s, e) = (
                a["start"].as_u64().unwrap() as usize,
                a["end"].as_u64().unwrap() as usize,
            );
            chars[s..e].iter().collect()
        })
        .collect();
    assert!(names.iter().any(|n| n == "GLASGOW"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("Jane Doe")), "{names:?}");
    let r = env.run(&["extract", "gz", "--format", "jsonl", "--keep-boilerplate"]);
    assert!(r.stdout.contains("Jane Doe"), "{}", r.stdout);
}
