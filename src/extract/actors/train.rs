//! Training: an averaged structured perceptron over the feature templates, written out as a model
//! file. Gold data and scoring live in `gold.rs`, prose augmentation in `augment.rs`.

use super::features::{
    self, class, lower_hash, phrase_key, phrase_start, vocab_bucket, IdMap, Lookups, Resources,
    Scratch,
};
use super::lexicon;
use super::model::{self, label, ModelParts, StageParts, NL};
use super::tokenize;
use super::Tagger;

use super::augment::prose_variant;
pub use super::gold::{load_gold_jsonl, score, GoldDoc, Score};

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
    /// Drop feature rows whose largest absolute averaged weight is below this.
    pub prune: f32,
    /// Minimum number of documents a first name must occur in to be kept.
    pub first_name_min_docs: u16,
    /// Number of prose renderings added per training document.
    pub prose_copies: usize,
    /// Folds for the jackknifed stage-1 labels of stage 2 (0 or 1: single stage).
    pub folds: usize,
    /// Perceptron runs (different document orders) whose weights are averaged.
    pub ensemble: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            seed: 0x5eed_1234,
            prune: 2.0,
            first_name_min_docs: 2,
            prose_copies: 1,
            folds: 5,
            ensemble: 5,
        }
    }
}

struct DocData {
    lowers: Vec<u64>,
    active: Vec<bool>,
    line_start: Vec<bool>,
    offs: Vec<u32>,
    fids: Vec<u32>,
    gold: Vec<u8>,
}

struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// Token index ranges of the entities of a document.
fn entity_tokens(toks: &[tokenize::Token], ents: &[(usize, usize, u8)]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    for &(s, e, t) in ents {
        let a = toks
            .iter()
            .position(|k| (k.end as usize) > s && (k.start as usize) < e);
        if let Some(a) = a {
            let mut b = a;
            while b < toks.len() && (toks[b].start as usize) < e {
                b += 1;
            }
            out.push((a, b, t));
        }
    }
    out
}

/// Train a model; returns the bytes of the model file. `log` receives progress lines.
pub fn train(
    train_docs: &[GoldDoc],
    dev_docs: &[GoldDoc],
    cfg: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Vec<u8> {
    // 0. Augment with prose renderings; variant k of document i keeps i's gazetteer exclusions.
    let mut rng = cfg.seed | 1;
    let mut all: Vec<GoldDoc> = train_docs.to_vec();
    let mut origin: Vec<usize> = (0..train_docs.len()).collect();
    if cfg.prose_copies > 0 {
        for (i, d) in train_docs.iter().enumerate() {
            for _ in 0..cfg.prose_copies {
                all.push(prose_variant(d, &mut rng));
                origin.push(i);
            }
        }
    }
    let aug_docs = all;
    // 1. Tokenize and collect gazetteer / first-name counts.
    let mut gaz_counts: IdMap<[u16; 4]> = IdMap::default();
    let mut prefixes: IdMap<()> = IdMap::default();
    let mut first_counts: IdMap<u16> = IdMap::default();
    let mut doc_own: Vec<IdMap<u8>> = Vec::with_capacity(train_docs.len());
    let mut vocab_counts: IdMap<(u32, u32)> = IdMap::default();
    let mut doc_vocab: Vec<IdMap<(u32, u32)>> = Vec::with_capacity(train_docs.len());
    let mut scratch = Scratch::default();
    let no_lookups = Lookups {
        gaz: &|_| 0,
        vocab: &|_| 0,
    };
    let empty_res = Resources::empty();
    for d in train_docs {
        let toks = tokenize::tokenize(&d.text);
        scratch.toks.clone_from(&toks);
        features::prepare(&d.text, &empty_res, &no_lookups, &mut scratch);
        let mut dv: IdMap<(u32, u32)> = IdMap::default();
        for inf in &scratch.info {
            let f = inf.flags;
            if f & (class::SENT | class::PUNCT | class::DIGIT) != 0 {
                continue;
            }
            let e = dv.entry(inf.lower).or_insert((0, 0));
            if f & class::LOWER != 0 {
                e.0 += 1;
            } else if f & class::CAP != 0 && f & class::ALLCAPS == 0 {
                e.1 += 1;
            }
        }
        for (&k, &(l, c)) in &dv {
            let e = vocab_counts.entry(k).or_insert((0, 0));
            e.0 += l;
            e.1 += c;
        }
        doc_vocab.push(dv);
        let ents = entity_tokens(&toks, &d.ents);
        let mut own: IdMap<u8> = IdMap::default();
        let mut own_first: IdMap<()> = IdMap::default();
        for &(a, b, t) in &ents {
            if b - a > features::GAZ_MAX_LEN {
                continue;
            }
            let mut h = phrase_start();
            for (q, k) in toks[a..b].iter().enumerate() {
                if q > 0 {
                    prefixes.insert(phrase_key(h), ());
                }
                h = features::fx(h, lower_hash(k.text(&d.text)));
            }
            *own.entry(phrase_key(h)).or_insert(0) |= 1 << t;
            if t == 0 && b - a >= 2 {
                own_first.insert(lower_hash(toks[a].text(&d.text)), ());
            }
        }
        for (&k, &m) in &own {
            let c = gaz_counts.entry(k).or_insert([0; 4]);
            for (t, ct) in c.iter_mut().enumerate() {
                if m & (1 << t) != 0 {
                    *ct += 1;
                }
            }
        }
        for &k in own_first.keys() {
            *first_counts.entry(k).or_insert(0) += 1;
        }
        doc_own.push(own);
    }
    let lists: [(&[&str], usize); 4] = [
        (lexicon::PERSONS, 0),
        (lexicon::ORGANIZATIONS, 1),
        (lexicon::PLACES, 2),
        (lexicon::MISC, 3),
    ];
    // Surnames of the listed prominent people also count as person entries.
    let surnames: Vec<&str> = lexicon::PERSONS
        .iter()
        .filter_map(|p| p.rsplit(' ').next())
        .collect();
    let lists: [(&[&str], usize); 5] = [lists[0], lists[1], lists[2], lists[3], (&surnames, 0)];
    for (list, t) in lists {
        for p in list {
            let toks = tokenize::tokenize(p);
            let mut h = phrase_start();
            for (q, k) in toks.iter().enumerate() {
                if q > 0 {
                    prefixes.insert(phrase_key(h), ());
                }
                h = features::fx(h, lower_hash(k.text(p)));
            }
            gaz_counts.entry(phrase_key(h)).or_insert([0; 4])[t] += 1000;
        }
    }
    let mut res = Resources::empty();
    for (&k, &c) in &first_counts {
        if c >= cfg.first_name_min_docs {
            res.first.insert(k, ());
        }
    }
    for n in lexicon::FIRST_NAMES {
        res.first.insert(lower_hash(n), ());
    }
    log(&format!(
        "gazetteer {} phrases, {} first names",
        gaz_counts.len(),
        res.first.len()
    ));

    // 2. Features with a leave-one-document-out gazetteer.
    let mut fmap: IdMap<u32> = IdMap::default();
    let mut fkeys: Vec<u64> = Vec::new();
    let mut data = Vec::with_capacity(aug_docs.len());
    let (mut dropped, mut kept) = (0usize, 0usize);
    for (di, d) in aug_docs.iter().enumerate() {
        let o = origin[di];
        tokenize::tokenize_into(&d.text, &mut scratch.toks);
        let doc_ents = entity_tokens(&scratch.toks, &d.ents);
        let own = &doc_own[o];
        let get = |k: u64| -> u8 {
            let pre = if prefixes.contains_key(&k) {
                features::GAZ_PREFIX
            } else {
                0
            };
            let c = match gaz_counts.get(&k) {
                Some(c) => c,
                None => return pre,
            };
            let o = own.get(&k).copied().unwrap_or(0);
            let mut m = pre;
            for (t, &ct) in c.iter().enumerate() {
                let mine = (o >> t) & 1;
                if ct as u32 > mine as u32 {
                    m |= 1 << t;
                }
            }
            m
        };
        let dv = &doc_vocab[o];
        let vget = |k: u64| -> u8 {
            let (l, c) = vocab_counts.get(&k).copied().unwrap_or((0, 0));
            let (ol, oc) = dv.get(&k).copied().unwrap_or((0, 0));
            vocab_bucket(l - ol, c - oc)
        };
        let lk = Lookups {
            gaz: &get,
            vocab: &vget,
        };
        features::prepare(&d.text, &res, &lk, &mut scratch);
        features::extract(&d.text, &res, &mut scratch);
        let n = scratch.toks.len();
        let mut gold = vec![0u8; n];
        for &(a, b, t) in &doc_ents {
            if (a..b).any(|k| !scratch.active[k]) || (a + 1..b).any(|k| scratch.toks[k].line_start)
            {
                dropped += 1;
                continue;
            }
            kept += 1;
            let t = t as usize;
            if b - a == 1 {
                gold[a] = label(t, 3);
            } else {
                gold[a] = label(t, 0);
                for g in gold.iter_mut().take(b - 1).skip(a + 1) {
                    *g = label(t, 1);
                }
                gold[b - 1] = label(t, 2);
            }
        }
        let mut fids = Vec::with_capacity(scratch.feats.len());
        for &f in &scratch.feats {
            let id = *fmap.entry(f).or_insert_with(|| {
                fkeys.push(f);
                (fkeys.len() - 1) as u32
            });
            fids.push(id);
        }
        data.push(DocData {
            lowers: scratch.info.iter().map(|x| x.lower).collect(),
            active: scratch.active.clone(),
            line_start: scratch.toks.iter().map(|t| t.line_start).collect(),
            offs: scratch.offs.clone(),
            fids,
            gold,
        });
    }
    log(&format!(
        "{} docs, {} features, entities kept {kept}, dropped (inactive tokens) {dropped}",
        data.len(),
        fkeys.len()
    ));

    // Final gazetteer (all training phrases).
    let mut gaz_map: IdMap<u8> = IdMap::default();
    for (&k, c) in &gaz_counts {
        let mut m = 0u8;
        for (t, &ct) in c.iter().enumerate() {
            if ct > 0 {
                m |= 1 << t;
            }
        }
        gaz_map.insert(k, m);
    }
    for &k in prefixes.keys() {
        *gaz_map.entry(k).or_insert(0) |= features::GAZ_PREFIX;
    }
    let mut gaz: Vec<(u64, u8)> = gaz_map.into_iter().collect();
    gaz.sort_unstable();
    let mut first: Vec<u64> = res.first.keys().copied().collect();
    first.sort_unstable();
    let mut vocab: Vec<(u64, u8)> = vocab_counts
        .iter()
        .map(|(&k, &(l, c))| (k, vocab_bucket(l, c)))
        .filter(|x| x.1 != 0)
        .collect();
    vocab.sort_unstable();

    // 3. Stage 1 on everything.
    let nb = fkeys.len();
    let all_idx: Vec<usize> = (0..data.len()).collect();
    let parts_of = |stages: Vec<StageParts>| ModelParts {
        stages,
        gaz: gaz.clone(),
        first: first.clone(),
        vocab: vocab.clone(),
    };
    let stage1 = {
        let mut on_epoch = |epoch: usize, errors: usize, avg: &Averaged| {
            let mut line = if cfg.ensemble > 1 {
                format!(
                    "stage 1: average of {} runs x {} epochs",
                    cfg.ensemble,
                    epoch + 1
                )
            } else {
                format!("stage 1 epoch {} segment errors {errors}", epoch + 1)
            };
            if !dev_docs.is_empty() && (epoch + 1 == cfg.epochs || epoch % 4 == 3) {
                let bytes = model::write_model(&parts_of(vec![avg.stage(&fkeys, cfg.prune)]));
                line.push_str(&dev_line(&bytes, dev_docs));
            }
            log(&line);
        };
        perceptron(&data, None, nb, &all_idx, cfg, &mut on_epoch)
    };
    if cfg.folds < 2 {
        return model::write_model(&parts_of(vec![stage1.stage(&fkeys, cfg.prune)]));
    }

    // 4. Jackknifed stage-1 labels and emissions of the training documents (folds by
    //    original document, so a prose rendering is held out with its source).
    let mut l1: Vec<Vec<u8>> = vec![Vec::new(); data.len()];
    for fold in 0..cfg.folds {
        let train_idx: Vec<usize> = (0..data.len())
            .filter(|&i| origin[i] % cfg.folds != fold)
            .collect();
        let m = perceptron(&data, None, nb, &train_idx, cfg, &mut |_, _, _| {});
        for (i, d) in data.iter().enumerate() {
            if origin[i] % cfg.folds == fold {
                l1[i] = predict(d, None, &m);
            }
        }
        log(&format!("fold {} of {} done", fold + 1, cfg.folds));
    }
    let mut extra = Vec::with_capacity(data.len());
    let mut map2: IdMap<u32> = IdMap::default();
    let (mut f2, mut o2) = (Vec::new(), Vec::new());
    for (i, d) in data.iter().enumerate() {
        features::stage2(
            &d.lowers,
            &d.active,
            &d.line_start,
            &l1[i],
            &mut map2,
            &mut f2,
            &mut o2,
        );
        let fids = f2
            .iter()
            .map(|&f| {
                *fmap.entry(f).or_insert_with(|| {
                    fkeys.push(f);
                    (fkeys.len() - 1) as u32
                })
            })
            .collect();
        extra.push(Extra {
            offs: o2.clone(),
            fids,
        });
    }
    log(&format!("stage 2: {} features", fkeys.len()));

    // 5. Stage 2 on everything: all stage-1 features plus the stage-2 features.
    let s1 = stage1.stage(&fkeys[..nb], cfg.prune);
    let nf = fkeys.len();
    let stage2 = {
        let mut on_epoch = |epoch: usize, errors: usize, avg: &Averaged| {
            let mut line = if cfg.ensemble > 1 {
                format!(
                    "stage 2: average of {} runs x {} epochs",
                    cfg.ensemble,
                    epoch + 1
                )
            } else {
                format!("stage 2 epoch {} segment errors {errors}", epoch + 1)
            };
            if !dev_docs.is_empty() && (epoch + 1 == cfg.epochs || epoch % 4 == 3) {
                let s1 = stage1.stage(&fkeys[..nb], cfg.prune);
                let bytes = model::write_model(&parts_of(vec![s1, avg.stage(&fkeys, cfg.prune)]));
                line.push_str(&dev_line(&bytes, dev_docs));
            }
            log(&line);
        };
        perceptron(&data, Some(&extra), nf, &all_idx, cfg, &mut on_epoch)
    };
    model::write_model(&parts_of(vec![s1, stage2.stage(&fkeys, cfg.prune)]))
}

fn dev_line(bytes: &[u8], dev_docs: &[GoldDoc]) -> String {
    match Tagger::from_bytes(bytes) {
        Ok(t) => {
            let s = score(&t, dev_docs);
            format!(
                " | dev span_f1 {:.4} typed_f1 {:.4} P {:.4} R {:.4} | model {} bytes",
                s.span_f1(),
                s.typed_f1(),
                s.precision(),
                s.recall(),
                bytes.len()
            )
        }
        Err(e) => format!(" | model error {e}"),
    }
}

/// Stage-2 features of one training document (ids in the shared feature space).
struct Extra {
    offs: Vec<u32>,
    fids: Vec<u32>,
}

/// The feature ids of token `k`: its base features, plus its stage-2 features when training
/// stage 2.
#[inline]
fn token_fids<'a>(
    d: &'a DocData,
    extra: Option<&'a Extra>,
    k: usize,
) -> impl Iterator<Item = &'a u32> {
    let base = &d.fids[d.offs[k] as usize..d.offs[k + 1] as usize];
    let more: &[u32] = match extra {
        Some(x) => &x.fids[x.offs[k] as usize..x.offs[k + 1] as usize],
        None => &[],
    };
    base.iter().chain(more)
}

/// Averaged perceptron weights (dense).
struct Averaged {
    w: Vec<f32>,
    trans: [[f32; NL]; NL],
}

impl Averaged {
    fn stage(&self, keys: &[u64], prune: f32) -> StageParts {
        let mut rows = Vec::new();
        for (i, &key) in keys.iter().enumerate() {
            if (i + 1) * NL > self.w.len() {
                break;
            }
            let mut r = [0f32; NL];
            r.copy_from_slice(&self.w[i * NL..i * NL + NL]);
            let mx = r.iter().fold(0f32, |a, &x| a.max(x.abs()));
            if mx >= prune && mx > 0.0 {
                rows.push((key, r));
            }
        }
        StageParts {
            trans: self.trans,
            rows,
        }
    }
}

/// Emission scores of tokens `a..b` of a document.
fn emissions(
    d: &DocData,
    extra: Option<&Extra>,
    w: &[f32],
    a: usize,
    b: usize,
    em: &mut Vec<[f32; NL]>,
) {
    em.clear();
    for k in a..b {
        let mut e = [0f32; NL];
        for &f in token_fids(d, extra, k) {
            let row = &w[f as usize * NL..f as usize * NL + NL];
            for (x, &y) in e.iter_mut().zip(row) {
                *x += y;
            }
        }
        em.push(e);
    }
}

/// Active segments `[a, b)` of a document.
fn segments(d: &DocData) -> Vec<(usize, usize)> {
    let n = d.active.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !d.active[i] {
            i += 1;
            continue;
        }
        let a = i;
        i += 1;
        while i < n && d.active[i] && !d.line_start[i] {
            i += 1;
        }
        out.push((a, i));
    }
    out
}

/// Labels of a document under averaged weights.
fn predict(d: &DocData, extra: Option<&Extra>, m: &Averaged) -> Vec<u8> {
    let mtrans = model::masked_trans(&m.trans);
    let mut labels = vec![0u8; d.active.len()];
    let (mut em, mut back, mut pred) = (Vec::new(), Vec::new(), Vec::new());
    for (a, b) in segments(d) {
        emissions(d, extra, &m.w, a, b, &mut em);
        model::viterbi(&em, &mtrans, &mut back, &mut pred);
        labels[a..b].copy_from_slice(&pred);
    }
    labels
}

/// Averaged structured perceptron over the documents `idx` of `data`.
///
/// With `cfg.ensemble` > 1 the weights of that many runs over different document orders are
/// averaged (less dependence on one order); `on_epoch` then sees only the final average.
fn perceptron(
    data: &[DocData],
    extra: Option<&[Extra]>,
    nf: usize,
    idx: &[usize],
    cfg: &TrainConfig,
    on_epoch: &mut dyn FnMut(usize, usize, &Averaged),
) -> Averaged {
    let runs = cfg.ensemble.max(1);
    if runs == 1 {
        return perceptron_run(data, extra, nf, idx, cfg, cfg.seed, on_epoch);
    }
    let mut sum: Option<Averaged> = None;
    for r in 0..runs {
        let seed = cfg.seed ^ (r as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let m = perceptron_run(data, extra, nf, idx, cfg, seed, &mut |_, _, _| {});
        match &mut sum {
            None => sum = Some(m),
            Some(acc) => {
                for (a, b) in acc.w.iter_mut().zip(&m.w) {
                    *a += b;
                }
                for (ra, rb) in acc.trans.iter_mut().zip(&m.trans) {
                    for (a, b) in ra.iter_mut().zip(rb) {
                        *a += b;
                    }
                }
            }
        }
    }
    let mut acc = sum.unwrap_or(Averaged {
        w: vec![0f32; nf * NL],
        trans: [[0f32; NL]; NL],
    });
    let k = runs as f32;
    acc.w.iter_mut().for_each(|x| *x /= k);
    acc.trans.iter_mut().flatten().for_each(|x| *x /= k);
    on_epoch(cfg.epochs.saturating_sub(1), 0, &acc);
    acc
}

/// One averaged-perceptron run with the given shuffle seed.
fn perceptron_run(
    data: &[DocData],
    extra: Option<&[Extra]>,
    nf: usize,
    idx: &[usize],
    cfg: &TrainConfig,
    seed: u64,
    on_epoch: &mut dyn FnMut(usize, usize, &Averaged),
) -> Averaged {
    let mut w = vec![0f32; nf * NL];
    let mut u = vec![0f32; nf * NL];
    let mut tw = [[0f32; NL]; NL];
    let mut tu = [[0f32; NL]; NL];
    let mut c = 1f32;
    let mut rng = Xorshift(seed | 1);
    let mut order: Vec<usize> = idx.to_vec();
    let mut em: Vec<[f32; NL]> = Vec::new();
    let mut back = Vec::new();
    let mut pred = Vec::new();
    let average = |w: &[f32], u: &[f32], tw: &[[f32; NL]; NL], tu: &[[f32; NL]; NL], c: f32| {
        let mut trans = [[0f32; NL]; NL];
        for p in 0..NL {
            for q in 0..NL {
                trans[p][q] = tw[p][q] - tu[p][q] / c;
            }
        }
        Averaged {
            w: w.iter().zip(u).map(|(&a, &b)| a - b / c).collect(),
            trans,
        }
    };
    for epoch in 0..cfg.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0usize;
        for &di in &order {
            let d = &data[di];
            let ex = extra.map(|x| &x[di]);
            let mtrans = model::masked_trans(&tw);
            for (a, b) in segments(d) {
                emissions(d, ex, &w, a, b, &mut em);
                model::viterbi(&em, &mtrans, &mut back, &mut pred);
                let gold = &d.gold[a..b];
                if pred.as_slice() == gold {
                    continue;
                }
                errors += 1;
                for (k, (&g, &p)) in gold.iter().zip(pred.iter()).enumerate() {
                    if g == p {
                        continue;
                    }
                    for &f in token_fids(d, ex, a + k) {
                        let row = f as usize * NL;
                        w[row + g as usize] += 1.0;
                        u[row + g as usize] += c;
                        w[row + p as usize] -= 1.0;
                        u[row + p as usize] -= c;
                    }
                }
                let m = gold.len();
                for k in 0..=m {
                    let gp = if k == 0 { 0 } else { gold[k - 1] } as usize;
                    let gc = if k == m { 0 } else { gold[k] } as usize;
                    let pp = if k == 0 { 0 } else { pred[k - 1] } as usize;
                    let pc = if k == m { 0 } else { pred[k] } as usize;
                    if (gp, gc) != (pp, pc) {
                        tw[gp][gc] += 1.0;
                        tu[gp][gc] += c;
                        tw[pp][pc] -= 1.0;
                        tu[pp][pc] -= c;
                    }
                }
            }
            c += 1.0;
        }
        let wants_avg = epoch + 1 == cfg.epochs || epoch % 4 == 3;
        if wants_avg {
            let avg = average(&w, &u, &tw, &tu, c);
            on_epoch(epoch, errors, &avg);
        }
    }
    average(&w, &u, &tw, &tu, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str, ents: &[(&str, u8)]) -> GoldDoc {
        let mut v = Vec::new();
        let mut from = 0;
        for &(e, t) in ents {
            let s = from + text[from..].find(e).unwrap();
            v.push((s, s + e.len(), t));
            from = s + e.len();
        }
        GoldDoc {
            id: id.to_string(),
            text: text.to_string(),
            ents: v,
        }
    }

    #[test]
    fn trains_a_small_model_end_to_end() {
        let mut docs = Vec::new();
        for (i, (p, o, l)) in [
            ("Mara Quill", "Brightwater Mining", "Lisbon"),
            ("Tobias Renner", "Northwind Bank", "Oslo"),
            ("Ines Okafor", "Harbor Freight Lines", "Nairobi"),
            ("Paolo Verdi", "Sunfield Energy", "Turin"),
        ]
        .iter()
        .enumerate()
        {
            let text = format!(
                "{p} , who runs {o} , flew to {l} on Monday .\nIn {l} , {p} said {o} would grow ."
            );
            let ents = [(*p, 0), (*o, 1), (*l, 2), (*l, 2), (*p, 0), (*o, 1)];
            docs.push(doc(&format!("d{i}"), &text, &ents));
        }
        let cfg = TrainConfig {
            epochs: 4,
            folds: 2,
            ensemble: 2,
            ..TrainConfig::default()
        };
        let bytes = train(&docs, &[], &cfg, &mut |_| {});
        let t = Tagger::from_bytes(&bytes).unwrap();
        let sc = score(&t, &docs);
        assert!(sc.span_f1() > 0.8, "{sc:?}");
        // Deterministic.
        assert_eq!(bytes, train(&docs, &[], &cfg, &mut |_| {}));
    }

    #[test]
    fn prose_rendering_keeps_entity_text() {
        let d = doc(
            "x",
            "HEADLINE ABOUT ACME .\n\" We agree , \" said Ann Lee of Acme 's board .",
            &[("ACME", 1), ("Ann Lee", 0), ("Acme", 1)],
        );
        let mut rng = 12345u64;
        let p = prose_variant(&d, &mut rng);
        assert!(
            p.text.contains("said Ann Lee of Acme's board."),
            "{}",
            p.text
        );
        let got: Vec<&str> = p.ents.iter().map(|e| &p.text[e.0..e.1]).collect();
        assert_eq!(got, vec!["Acme", "Ann Lee", "Acme"]);
    }
}
