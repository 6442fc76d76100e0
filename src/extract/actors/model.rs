//! Label set, model weights, the binary model format and Viterbi decoding.
//!
//! # Binary format of `models/ner.bin` (all integers little-endian)
//!
//! ```text
//! magic      4 bytes  b"DNER"
//! version    u32      = 3
//! schema     u32      feature schema (features.rs `SCHEMA`); must match the code
//! n_labels   u32      = 17 (O, then B/I/L/U for PER, ORG, LOC, MISC)
//! n_stages   u32      1 or 2 (stage 2 re-decodes with the stage-1 emission scores plus the
//!                     weights of its own features of the stage-1 labels, features.rs `stage2`)
//! per stage:
//!   trans    n_labels * n_labels f32, row = previous label, column = label
//!   n_feats  u32
//!   keys     n_feats * u64      feature hashes (see features.rs), in row order
//!   scales   n_feats * f32      per-row dequantization scale
//!   weights  n_feats * n_labels i8, row-major; weight = i8 * scale
//! n_gaz      u32
//! gaz_keys   n_gaz * u64        gazetteer phrase keys (hash of lowercased token sequence)
//! gaz_types  n_gaz * u8         type bits PER=1 ORG=2 LOC=4 MISC=8, 16 = prefix of a longer entry
//! n_first    u32
//! first      n_first * u64      lowercase hashes of known first names
//! n_vocab    u32
//! vocab_keys n_vocab * u64      lowercase word hashes
//! vocab_val  n_vocab * u8       capitalization bucket (features.rs `vocab_bucket`)
//! ```
//! The file holds only hashes and numbers, no text.

use super::features::{self, Resources};

/// Number of labels.
pub const NL: usize = 17;

/// Label id for type `t` (0..4) and position `p` (0=B, 1=I, 2=L, 3=U).
#[inline]
pub fn label(t: usize, p: usize) -> u8 {
    (1 + t * 4 + p) as u8
}

/// Type of a non-O label.
#[inline]
pub fn ltype(l: u8) -> usize {
    (l as usize - 1) / 4
}

/// Position of a non-O label (0=B, 1=I, 2=L, 3=U).
#[inline]
pub fn lpos(l: u8) -> usize {
    (l as usize - 1) % 4
}

/// Whether `cur` may follow `prev` in a BILOU sequence.
pub fn allowed(prev: u8, cur: u8) -> bool {
    let open = prev != 0 && lpos(prev) <= 1;
    if open {
        cur != 0 && ltype(cur) == ltype(prev) && (lpos(cur) == 1 || lpos(cur) == 2)
    } else {
        cur == 0 || lpos(cur) == 0 || lpos(cur) == 3
    }
}

/// Transition scores with forbidden transitions set to -inf.
pub fn masked_trans(t: &[[f32; NL]; NL]) -> [[f32; NL]; NL] {
    let mut m = *t;
    for (p, row) in m.iter_mut().enumerate() {
        for (c, v) in row.iter_mut().enumerate() {
            if !allowed(p as u8, c as u8) {
                *v = f32::NEG_INFINITY;
            }
        }
    }
    m
}

/// Viterbi over one segment whose neighbours are fixed to O. `trans` must be masked.
pub fn viterbi(
    em: &[[f32; NL]],
    trans: &[[f32; NL]; NL],
    back: &mut Vec<[u8; NL]>,
    out: &mut Vec<u8>,
) {
    out.clear();
    let m = em.len();
    if m == 0 {
        return;
    }
    back.clear();
    back.resize(m, [0u8; NL]);
    let mut delta = [0f32; NL];
    for l in 0..NL {
        delta[l] = trans[0][l] + em[0][l];
    }
    for i in 1..m {
        // Predecessor-major order: each label's candidates are still visited in increasing
        // order (same maximum, same first argmax), but the 17 labels form independent lanes
        // the compiler vectorizes, instead of one serial max chain per label.
        let mut best = [f32::NEG_INFINITY; NL];
        let mut arg = [0u32; NL];
        for (p, row) in trans.iter().enumerate() {
            let dp = delta[p];
            for c in 0..NL {
                let v = dp + row[c];
                let better = v > best[c];
                best[c] = if better { v } else { best[c] };
                arg[c] = if better { p as u32 } else { arg[c] };
            }
        }
        let b = &mut back[i];
        for c in 0..NL {
            delta[c] = best[c] + em[i][c];
            b[c] = arg[c] as u8;
        }
    }
    let mut best = f32::NEG_INFINITY;
    let mut arg = 0u8;
    for (l, &d) in delta.iter().enumerate() {
        let v = d + trans[l][0];
        if v > best {
            best = v;
            arg = l as u8;
        }
    }
    out.resize(m, 0);
    let mut cur = arg;
    for i in (0..m).rev() {
        out[i] = cur;
        if i > 0 {
            cur = back[i][cur as usize];
        }
    }
}

/// The weights of one feature for both stages, dequantized (`scale * i8`, the exact products
/// the quantized form stands for), with the low half of the feature key (the high half sits in
/// the table slot). Dequantizing once at load time leaves two plain f32 vector additions per
/// feature at decoding time. 64-byte aligned, so a row spans exactly three cache lines.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Row {
    key_lo: u32,
    w: [[f32; NL]; 2],
}

/// One slot of the lookup table: the high half of a feature key and its row number.
#[derive(Clone, Copy)]
struct Slot {
    key_hi: u32,
    row: u32,
}

/// Row number of an empty slot (also "unknown feature" in `lookup_all` output).
const EMPTY: u32 = u32::MAX;

/// Feature weights of one or two stages (dequantized from the model file), plus the transition
/// scores of each stage.
///
/// Lookup is an open-addressing table (linear probing, load <= 1/2) of 8-byte slots holding
/// the high 32 bits of a key and its row number; the row holds the low 32 bits, so a match is
/// exact on all 64 bits. A probe touches one slot line (absent features, whose chain ends at
/// an empty slot, usually need nothing else) and a hit one row (three adjacent lines); there
/// is no separate key array or row-number array to miss in.
pub struct Weights {
    slots: Vec<Slot>,
    rows: Vec<Row>,
    mask: usize,
    /// Transition scores per stage (unmasked).
    pub trans: Vec<[[f32; NL]; NL]>,
}

impl Weights {
    fn with_capacity(n: usize) -> Weights {
        let cap = (n * 2).next_power_of_two().max(16);
        Weights {
            slots: vec![
                Slot {
                    key_hi: 0,
                    row: EMPTY
                };
                cap
            ],
            rows: Vec::with_capacity(n),
            mask: cap - 1,
            trans: Vec::new(),
        }
    }

    fn insert(&mut self, stage: usize, key: u64, scale: f32, w: [i8; NL]) {
        if key == 0 {
            return;
        }
        let r = match self.find_row(key) {
            Some(r) => r,
            None => {
                let mut i = key as usize & self.mask;
                while self.slots[i].row != EMPTY {
                    i = (i + 1) & self.mask;
                }
                let r = self.rows.len() as u32;
                self.slots[i] = Slot {
                    key_hi: (key >> 32) as u32,
                    row: r,
                };
                self.rows.push(Row {
                    key_lo: key as u32,
                    // 0.0 * 0 for a stage without this feature, as in the quantized form.
                    w: [[0.0; NL]; 2],
                });
                r
            }
        };
        let row = &mut self.rows[r as usize];
        for (o, &x) in row.w[stage].iter_mut().zip(&w) {
            *o = scale * x as f32;
        }
    }

    /// Row number of feature `f`, if the model has it.
    #[inline(always)]
    fn find_row(&self, f: u64) -> Option<u32> {
        let hi = (f >> 32) as u32;
        let lo = f as u32;
        let mut i = f as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s.row == EMPTY {
                return None;
            }
            if s.key_hi == hi && self.rows[s.row as usize].key_lo == lo {
                return Some(s.row);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Row numbers of `feats` appended to `out` (`u32::MAX` for unknown features). Doing all
    /// probes of a document in one tight loop lets the CPU overlap the cache misses.
    #[inline]
    pub fn lookup_all(&self, feats: &[u64], out: &mut Vec<u32>) {
        out.reserve(feats.len());
        for &f in feats {
            out.push(self.find_row(f).unwrap_or(EMPTY));
        }
    }

    /// Add the rows `ids` (from `lookup_all`) for stage 1 to `out1` and stage 2 to `out2`.
    #[inline]
    pub fn add_rows(&self, ids: &[u32], out1: &mut [f32; NL], out2: &mut [f32; NL]) {
        for &r in ids {
            if let Some(s) = self.rows.get(r as usize) {
                for (o, &x) in out1.iter_mut().zip(&s.w[0]) {
                    *o += x;
                }
                for (o, &x) in out2.iter_mut().zip(&s.w[1]) {
                    *o += x;
                }
            }
        }
    }

    /// Add the weights of `feats` for `stage` (0 or 1) to `out`.
    #[inline]
    pub fn emit(&self, stage: usize, feats: &[u64], out: &mut [f32; NL]) {
        for &f in feats {
            if let Some(r) = self.find_row(f) {
                for (o, &x) in out.iter_mut().zip(&self.rows[r as usize].w[stage]) {
                    *o += x;
                }
            }
        }
    }
}

/// One decoding stage ready to serialize.
pub struct StageParts {
    /// Transition scores.
    pub trans: [[f32; NL]; NL],
    /// (feature key, dense weights) rows.
    pub rows: Vec<(u64, [f32; NL])>,
}

/// A model ready to serialize.
pub struct ModelParts {
    /// Stage 1 (and optionally stage 2, which also sees stage-1 labels).
    pub stages: Vec<StageParts>,
    /// Gazetteer entries.
    pub gaz: Vec<(u64, u8)>,
    /// First-name hashes.
    pub first: Vec<u64>,
    /// Vocabulary buckets.
    pub vocab: Vec<(u64, u8)>,
}

/// Serialize a model (see the module doc for the layout).
pub fn write_model(p: &ModelParts) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(b"DNER");
    b.extend_from_slice(&VERSION.to_le_bytes());
    b.extend_from_slice(&features::SCHEMA.to_le_bytes());
    b.extend_from_slice(&(NL as u32).to_le_bytes());
    b.extend_from_slice(&(p.stages.len() as u32).to_le_bytes());
    for st in &p.stages {
        for row in &st.trans {
            for v in row {
                b.extend_from_slice(&v.to_le_bytes());
            }
        }
        b.extend_from_slice(&(st.rows.len() as u32).to_le_bytes());
        for (k, _) in &st.rows {
            b.extend_from_slice(&k.to_le_bytes());
        }
        let mut q = Vec::with_capacity(st.rows.len() * NL);
        for (_, w) in &st.rows {
            let mx = w.iter().fold(0f32, |a, &x| a.max(x.abs()));
            let scale = if mx > 0.0 { mx / 127.0 } else { 1.0 };
            b.extend_from_slice(&scale.to_le_bytes());
            for &x in w {
                q.push((x / scale).round().clamp(-127.0, 127.0) as i8 as u8);
            }
        }
        b.extend_from_slice(&q);
    }
    b.extend_from_slice(&(p.gaz.len() as u32).to_le_bytes());
    for (k, _) in &p.gaz {
        b.extend_from_slice(&k.to_le_bytes());
    }
    for (_, m) in &p.gaz {
        b.push(*m);
    }
    b.extend_from_slice(&(p.first.len() as u32).to_le_bytes());
    for k in &p.first {
        b.extend_from_slice(&k.to_le_bytes());
    }
    b.extend_from_slice(&(p.vocab.len() as u32).to_le_bytes());
    for (k, _) in &p.vocab {
        b.extend_from_slice(&k.to_le_bytes());
    }
    for (_, v) in &p.vocab {
        b.push(*v);
    }
    b
}

/// Model format version.
const VERSION: u32 = 3;

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.pos + n > self.b.len() {
            return Err("model file truncated".into());
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, String> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn u64(&mut self) -> Result<u64, String> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(u64::from_le_bytes(a))
    }
}

/// Parse a model file into weights (all stages) and resources.
pub fn read_model(bytes: &[u8]) -> Result<(Weights, Resources), String> {
    let mut r = Reader { b: bytes, pos: 0 };
    if r.take(4)? != b"DNER" {
        return Err("not a dossier NER model (bad magic)".into());
    }
    let version = r.u32()?;
    if version != VERSION {
        return Err(format!("unsupported NER model version {version}"));
    }
    let schema = r.u32()?;
    if schema != features::SCHEMA {
        return Err(format!(
            "NER model was trained with feature schema {schema}, this code extracts schema {} \
             (retrain, or copy the code and models/ner.bin together)",
            features::SCHEMA
        ));
    }
    if r.u32()? as usize != NL {
        return Err("unexpected label count in NER model".into());
    }
    let n_stages = r.u32()? as usize;
    if !(1..=2).contains(&n_stages) {
        return Err("unexpected stage count in NER model".into());
    }
    struct Stage<'a> {
        trans: [[f32; NL]; NL],
        keys: Vec<u64>,
        scales: Vec<f32>,
        qw: &'a [u8],
    }
    let mut stages = Vec::with_capacity(n_stages);
    for _ in 0..n_stages {
        let mut trans = [[0f32; NL]; NL];
        for row in trans.iter_mut() {
            for v in row.iter_mut() {
                *v = r.f32()?;
            }
        }
        let n = r.u32()? as usize;
        if n > bytes.len() {
            return Err("corrupt NER model (feature count)".into());
        }
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push(r.u64()?);
        }
        let mut scales = Vec::with_capacity(n);
        for _ in 0..n {
            scales.push(r.f32()?);
        }
        let qw = r.take(n * NL)?;
        stages.push(Stage {
            trans,
            keys,
            scales,
            qw,
        });
    }
    let mut union: Vec<u64> = stages.iter().flat_map(|s| s.keys.iter().copied()).collect();
    union.sort_unstable();
    union.dedup();
    let mut weights = Weights::with_capacity(union.len());
    drop(union);
    for (si, st) in stages.iter().enumerate() {
        weights.trans.push(st.trans);
        for (i, (&k, &sc)) in st.keys.iter().zip(&st.scales).enumerate() {
            let mut w = [0i8; NL];
            for (x, &b) in w.iter_mut().zip(&st.qw[i * NL..i * NL + NL]) {
                *x = b as i8;
            }
            weights.insert(si, k, sc, w);
        }
    }
    let ng = r.u32()? as usize;
    if ng > bytes.len() {
        return Err("corrupt NER model (gazetteer count)".into());
    }
    let mut keys = Vec::with_capacity(ng);
    for _ in 0..ng {
        keys.push(r.u64()?);
    }
    let masks = r.take(ng)?;
    let mut res = Resources::empty();
    res.gaz.reserve(ng);
    for (k, &m) in keys.iter().zip(masks) {
        res.gaz.insert(*k, m);
    }
    let nf = r.u32()? as usize;
    if nf > bytes.len() {
        return Err("corrupt NER model (first-name count)".into());
    }
    for _ in 0..nf {
        res.first.insert(r.u64()?, ());
    }
    let nv = r.u32()? as usize;
    if nv > bytes.len() {
        return Err("corrupt NER model (vocabulary count)".into());
    }
    let mut vkeys = Vec::with_capacity(nv);
    for _ in 0..nv {
        vkeys.push(r.u64()?);
    }
    let vals = r.take(nv)?;
    res.vocab.reserve(nv);
    for (k, &v) in vkeys.iter().zip(vals) {
        res.vocab.insert(*k, v);
    }
    if r.pos != bytes.len() {
        return Err("trailing bytes in NER model".into());
    }
    Ok((weights, res))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_bilou() {
        // Emissions that prefer an invalid I-PER start still decode to a valid sequence.
        let mut em = vec![[0f32; NL]; 3];
        em[0][2] = 5.0;
        em[1][3] = 5.0;
        em[2][0] = 1.0;
        let trans = masked_trans(&[[0f32; NL]; NL]);
        let (mut back, mut out) = (Vec::new(), Vec::new());
        viterbi(&em, &trans, &mut back, &mut out);
        let mut prev = 0u8;
        for &l in &out {
            assert!(allowed(prev, l), "{out:?}");
            prev = l;
        }
        assert!(allowed(prev, 0));
    }
}
