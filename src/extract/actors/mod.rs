//! Actor extractor: a learned named-entity tagger (person / organization / place) with
//! canonical names within an article.
//!
//! Pipeline of [`Tagger::tag`]:
//! 1. `tokenize`: whitespace split, punctuation / possessive "'s" / dash separators peeled off,
//!    abbreviations ("U.S.", "Mr.", "J.") kept whole. Works on raw prose and on pre-tokenized text.
//! 2. `features`: per-token word class and hashes, sentence boundaries, Title Case / ALL CAPS
//!    line detection, gazetteer matches (phrases from the training entities plus the small
//!    hand-written lists in `lexicon`), a capitalization-ratio vocabulary, known first names,
//!    titles, and document-level cues about the same word elsewhere in the article. Features are
//!    hashed to u64 (Fx-style mixing); nothing is allocated per token.
//!    Tokens without an uppercase letter (other than one or two short connectors between
//!    capitalized words, as in "Bank of England") are fixed to O and never scored.
//! 3. `model`: averaged structured perceptron over BILOU labels for PER, ORG, LOC and MISC
//!    (MISC is tagged internally and dropped from the output), Viterbi with BILOU constraints.
//!    Two stages: stage 2 re-decodes with extra features of the stage-1 labels of the same word
//!    across the document (stacking; trained on jackknifed stage-1 output). One table probe per
//!    feature serves both stages.
//! 4. `canonical`: US party labels ("D-Mass.") are dropped, untagged exact repetitions of a
//!    tagged string are tagged too, spans lose leading titles and trailing possessives,
//!    identical mentions agree on their kind, "President (Vladimir)
//!    Putin" is understood, and names are canonicalized within the article (surname -> longest
//!    full name, small alias table for countries and prominent people).
//!
//! `train` holds the trainer (with prose/Title Case renderings of the pre-tokenized training
//! documents as augmentation) and a scorer that follows the project's `score.py actors` rules.

mod augment;
pub mod canonical;
mod features;
mod gold;
mod lexicon;
mod model;
pub mod tokenize;
mod train;

pub use train::{load_gold_jsonl, score, train, GoldDoc, Score, TrainConfig};

use crate::extract::types::{ActorKind, ActorMention};
use canonical::Span;
use features::{Resources, Scratch};
use model::{Weights, NL};
use std::cell::RefCell;
use std::sync::OnceLock;

/// A loaded tagger. Cheap to share across threads (Sync).
pub struct Tagger {
    /// Feature weights of stage 1 and optionally stage 2 (which also sees stage-1 labels).
    w: Weights,
    /// Masked transition scores per stage.
    trans: Vec<[[f32; NL]; NL]>,
    res: Resources,
}

#[derive(Default)]
struct Work {
    s: Scratch,
    em: Vec<[f32; NL]>,
    back: Vec<[u8; NL]>,
    labels: Vec<u8>,
    seg: Vec<u8>,
    lowers: Vec<u64>,
    brk: Vec<bool>,
    map2: features::IdMap<u32>,
    feats2: Vec<u64>,
    offs2: Vec<u32>,
    em2: Vec<[f32; NL]>,
    rows: Vec<u32>,
}

thread_local! {
    static WORK: RefCell<Work> = RefCell::new(Work::default());
}

impl Tagger {
    /// The model shipped with the program (lazily loaded once).
    pub fn shipped() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| {
            Tagger::from_bytes(include_bytes!("../../../models/ner.bin"))
                .expect("shipped NER model is valid")
        })
    }

    /// Load a model from the bytes of a model file (format documented in `model.rs`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, String> {
        let (w, res) = model::read_model(bytes)?;
        let trans = w.trans.iter().map(model::masked_trans).collect();
        Ok(Tagger { w, trans, res })
    }

    /// All actor mentions in `text`, sorted by start, non-overlapping, byte offsets, each with
    /// its canonical name within this article. (Texts of 4 GiB or more yield nothing: token
    /// offsets are 32-bit.)
    pub fn tag(&self, text: &str) -> Vec<ActorMention> {
        if text.len() >= u32::MAX as usize {
            return Vec::new();
        }
        // Reuse this thread's buffers; fall back to fresh ones if they are unavailable
        // (thread teardown) or already in use.
        let tagged = WORK.try_with(|cell| match cell.try_borrow_mut() {
            Ok(mut work) => Some(self.tag_with(text, &mut work)),
            Err(_) => None,
        });
        match tagged {
            Ok(Some(v)) => v,
            _ => self.tag_with(text, &mut Work::default()),
        }
    }

    fn tag_with(&self, text: &str, work: &mut Work) -> Vec<ActorMention> {
        let mut spans = Vec::new();
        self.decode(text, work, &mut |s, e, t| {
            let kind = match t {
                0 => ActorKind::Person,
                1 => ActorKind::Organization,
                2 => ActorKind::Place,
                _ => return,
            };
            spans.push(Span {
                s,
                e,
                kind,
                given: None,
            });
        });
        let toks = &work.s.toks;
        spans.retain(|sp| !(sp.e == sp.s + 1 && canonical::is_party_label(toks[sp.s].text(text))));
        canonical::propagate(text, toks, &mut spans);
        for sp in spans.iter_mut() {
            canonical::trim_span(text, toks, sp);
        }
        canonical::parenthetical_names(text, toks, &mut spans);
        canonical::harmonize_kinds(text, toks, &mut spans);
        canonical::drop_non_names(text, toks, &mut spans);
        canonical::build(text, toks, &spans)
    }

    /// Tag `text` and call `f(first_token, end_token, type)` for every entity (type 0..4 =
    /// PER, ORG, LOC, MISC); tokens are left in `work.s.toks`.
    fn decode(&self, text: &str, work: &mut Work, f: &mut dyn FnMut(usize, usize, usize)) {
        let s = &mut work.s;
        tokenize::tokenize_into(text, &mut s.toks);
        let gaz = &self.res.gaz;
        let vocab = &self.res.vocab;
        let lk = features::Lookups {
            gaz: &|k| gaz.get(&k).copied().unwrap_or(0),
            vocab: &|k| vocab.get(&k).copied().unwrap_or(0),
        };
        features::prepare(text, &self.res, &lk, s);
        features::extract(text, &self.res, s);
        let n = s.toks.len();
        work.em2.resize(n, [0f32; NL]);
        let w = &self.w;
        work.rows.clear();
        w.lookup_all(&s.feats, &mut work.rows);
        for (stage, trans) in self.trans.iter().enumerate() {
            if stage == 1 {
                work.lowers.clear();
                work.lowers.extend(s.info.iter().map(|x| x.lower));
                work.brk.clear();
                work.brk.extend(s.toks.iter().map(|t| t.line_start));
                features::stage2(
                    &work.lowers,
                    &s.active,
                    &work.brk,
                    &work.labels,
                    &mut work.map2,
                    &mut work.feats2,
                    &mut work.offs2,
                );
            }
            work.labels.clear();
            work.labels.resize(n, 0);
            let mut i = 0;
            while i < n {
                if !s.active[i] {
                    i += 1;
                    continue;
                }
                let a = i;
                i += 1;
                while i < n && s.active[i] && !s.toks[i].line_start {
                    i += 1;
                }
                work.em.clear();
                for k in a..i {
                    let e = if stage == 0 {
                        // One probe per feature gives both stages' base emissions.
                        let mut e = [0f32; NL];
                        let mut e2 = [0f32; NL];
                        let ids = &work.rows[s.offs[k] as usize..s.offs[k + 1] as usize];
                        w.add_rows(ids, &mut e, &mut e2);
                        work.em2[k] = e2;
                        e
                    } else {
                        let mut e = work.em2[k];
                        let f2 = &work.feats2[work.offs2[k] as usize..work.offs2[k + 1] as usize];
                        w.emit(1, f2, &mut e);
                        e
                    };
                    work.em.push(e);
                }
                model::viterbi(&work.em, trans, &mut work.back, &mut work.seg);
                work.labels[a..i].copy_from_slice(&work.seg);
            }
        }
        spans_from_labels(&work.labels, f);
    }
}

/// Call `f(start, end, type)` for each entity of a well-formed BILOU sequence.
fn spans_from_labels(labels: &[u8], f: &mut dyn FnMut(usize, usize, usize)) {
    let mut start = None;
    for (i, &l) in labels.iter().enumerate() {
        if l == 0 {
            start = None;
            continue;
        }
        match model::lpos(l) {
            0 => start = Some(i),
            1 => {}
            2 => {
                if let Some(s) = start.take() {
                    f(s, i + 1, model::ltype(l));
                }
            }
            _ => {
                start = None;
                f(i, i + 1, model::ltype(l));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &Tagger, text: &str) -> Vec<(String, ActorKind, String)> {
        t.tag(text)
            .into_iter()
            .map(|m| (m.name, m.kind, text[m.start..m.end].to_string()))
            .collect()
    }

    #[test]
    fn shipped_tags_a_sentence() {
        let t = Tagger::shipped();
        let text =
            "Angela Morrison, the chief executive of Northwind Bank, flew to Germany on Monday.";
        let got = names(t, text);
        assert!(
            got.iter()
                .any(|(n, k, _)| n == "Angela Morrison" && *k == ActorKind::Person),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(n, k, _)| n == "Germany" && *k == ActorKind::Place),
            "{got:?}"
        );
        let ms = t.tag(text);
        assert!(ms.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn seed_style_article() {
        let text =
            "Foreign governments tried to sway the vote, a declassified intelligence report \
said on Tuesday.\nRussia sought to help former US President Donald Trump, while Iran worked \
against him, according to the assessment; China decided not to intervene.\nPresident Biden \
had not yet taken office when the findings were shared with Trump.\nThe report said President \
Vladimir Putin probably authorized the campaign. Ukrainian lawmaker Andriy Derkach, who met \
Rudy Giuliani in 2019, pushed claims about Biden's family.\nThen-Attorney General William \
Barr was briefed on the claims. The Russian Embassy in Washington did not respond to a \
request for comment, and Russia's foreign ministry has denied any meddling. Putin has called \
the accusations baseless, and Derkach was later sanctioned.";
        let t = Tagger::shipped();
        let ms = t.tag(text);
        let got: Vec<&str> = ms.iter().map(|m| m.name.as_str()).collect();
        for want in [
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
            assert!(got.contains(&want), "missing {want}: {got:?}");
        }
        // Possessive excluded from the span.
        let russia: Vec<&str> = ms
            .iter()
            .filter(|m| m.name == "Russia")
            .map(|m| &text[m.start..m.end])
            .collect();
        assert!(russia.iter().all(|s| *s == "Russia"), "{russia:?}");
        // No title in a person's canonical name.
        assert!(!got.iter().any(|n| n.starts_with("President")), "{got:?}");
    }

    #[test]
    fn empty_and_odd_input() {
        let t = Tagger::shipped();
        assert!(t.tag("").is_empty());
        assert!(t.tag("   \n\n ").is_empty());
        let _ = t.tag("«Ünïcödé» — “Zürich’s” 東京 ... 'quoted' -- (x)");
    }

    #[test]
    fn tagger_is_sync_and_send() {
        fn check<T: Sync + Send>() {}
        check::<Tagger>();
    }

    #[test]
    fn random_text_gives_valid_spans() {
        let palette = [
            "A", "b", "Zed", "Ülla", "’s", "'s", "'", "’", "“", "”", "\"", ".", ",", "--", "—",
            "–", "-", " ", " ", " ", "\n", "U.S.", "Mr.", "(", ")", "&", "of", "the", "東京", "é",
            "É", "1996", "x", "Q.", "…", "\t", "\u{2028}",
        ];
        let t = Tagger::shipped();
        let mut state = 0x1234_5678_9abc_def1u64;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..60 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(palette[(state % palette.len() as u64) as usize]);
            }
            let ms = t.tag(&text);
            for m in &ms {
                assert!(m.start < m.end && m.end <= text.len(), "{text:?} {m:?}");
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                assert!(!m.name.is_empty());
            }
            assert!(
                ms.windows(2).all(|w| w[0].end <= w[1].start),
                "{text:?} {ms:?}"
            );
        }
    }

    #[test]
    fn bad_model_is_an_error() {
        assert!(Tagger::from_bytes(b"nope").is_err());
        assert!(Tagger::from_bytes(b"DNER\x02\x00\x00\x00").is_err());
    }
}
