//! Gold data and scoring: reads gold documents (JSON Lines, byte-range entities) and scores a
//! tagger on them with the rules of the project's `score.py actors` (exact span match;
//! predictions overlapping MISC are ignored).

use super::Tagger;
use crate::extract::types::ActorKind;

/// A gold document: text and entities as byte ranges with type 0..4 (PER, ORG, LOC, MISC).
#[derive(Clone, Debug)]
pub struct GoldDoc {
    /// Document id.
    pub id: String,
    /// Text.
    pub text: String,
    /// (byte start, byte end, type).
    pub ents: Vec<(usize, usize, u8)>,
}

/// Load `{"id","text","entities":[{"start","end","label"}]}` lines (character offsets).
pub fn load_gold_jsonl(path: &str) -> Result<Vec<GoldDoc>, String> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let id = match &v["id"] {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let text = v["text"].as_str().unwrap_or("").to_string();
        let mut byte_of = Vec::with_capacity(text.len() + 1);
        for (b, _) in text.char_indices() {
            byte_of.push(b);
        }
        byte_of.push(text.len());
        let mut ents = Vec::new();
        if let Some(es) = v["entities"].as_array() {
            for e in es {
                let s = e["start"].as_u64().unwrap_or(0) as usize;
                let t = e["end"].as_u64().unwrap_or(0) as usize;
                let ty = match e["label"].as_str().unwrap_or("") {
                    "PER" => 0,
                    "ORG" => 1,
                    "LOC" => 2,
                    "MISC" => 3,
                    _ => continue,
                };
                if s < t && t < byte_of.len() {
                    ents.push((byte_of[s], byte_of[t], ty));
                }
            }
        }
        out.push(GoldDoc { id, text, ents });
    }
    Ok(out)
}

/// Counts for span and typed precision/recall.
#[derive(Clone, Copy, Debug, Default)]
pub struct Score {
    /// Exact-span matches.
    pub tp: usize,
    /// Exact-span matches with the right kind.
    pub typed_tp: usize,
    /// Counted predictions.
    pub npred: usize,
    /// Gold non-MISC entities.
    pub ngold: usize,
}

impl Score {
    fn f(tp: usize, np: usize, ng: usize) -> f64 {
        let p = if np > 0 { tp as f64 / np as f64 } else { 0.0 };
        let r = if ng > 0 { tp as f64 / ng as f64 } else { 0.0 };
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
    /// Span F1.
    pub fn span_f1(&self) -> f64 {
        Self::f(self.tp, self.npred, self.ngold)
    }
    /// Typed F1.
    pub fn typed_f1(&self) -> f64 {
        Self::f(self.typed_tp, self.npred, self.ngold)
    }
    /// Span precision.
    pub fn precision(&self) -> f64 {
        self.tp as f64 / self.npred.max(1) as f64
    }
    /// Span recall.
    pub fn recall(&self) -> f64 {
        self.tp as f64 / self.ngold.max(1) as f64
    }
}

/// Score a tagger on gold documents.
pub fn score(tagger: &Tagger, docs: &[GoldDoc]) -> Score {
    let mut sc = Score::default();
    for d in docs {
        let keep: Vec<(usize, usize, u8)> = d.ents.iter().copied().filter(|e| e.2 != 3).collect();
        let misc: Vec<(usize, usize)> = d
            .ents
            .iter()
            .filter(|e| e.2 == 3)
            .map(|e| (e.0, e.1))
            .collect();
        sc.ngold += keep.len();
        for m in tagger.tag(&d.text) {
            let ty = match m.kind {
                ActorKind::Person => 0,
                ActorKind::Organization => 1,
                ActorKind::Place => 2,
            };
            let g = keep.iter().find(|e| e.0 == m.start && e.1 == m.end);
            if g.is_none() && misc.iter().any(|x| x.0 < m.end && m.start < x.1) {
                continue;
            }
            sc.npred += 1;
            if let Some(g) = g {
                sc.tp += 1;
                if g.2 == ty {
                    sc.typed_tp += 1;
                }
            }
        }
    }
    sc
}
