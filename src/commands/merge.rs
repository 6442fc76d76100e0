//! `dossier merge OUT SHARD...`: combines indexes built with `--shard K/N` (or any indexes of
//! this schema) into one new index, then joins the per-file records the shards each kept, so
//! later incremental runs on the merged index see every article of every file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;

use crate::error::{Error, Result};
use crate::index::{self, FileRecord, Progress, Store};

/// What a merge did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Shards read.
    pub shards: usize,
    /// Files with records in the merged index.
    pub files: usize,
    /// Articles in the merged index.
    pub articles: usize,
}

/// Merges `shards` into a new index at `out`.
pub fn run(out: &Path, shards: &[PathBuf]) -> Result<Summary> {
    if out.exists()
        && std::fs::read_dir(out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(Error::Usage(format!(
            "{}: exists and is not empty; merge writes a new index, give it a new folder",
            out.display()
        )));
    }
    let mut stores = Vec::new();
    let mut writers = Vec::new();
    let keep = shards
        .first()
        .is_some_and(|d| index::lines::keeps_boilerplate(d));
    for dir in shards {
        if index::lines::keeps_boilerplate(dir) != keep {
            return Err(Error::Usage(format!(
                "{}: built {} --keep-boilerplate, unlike {}; index the shards the same way",
                dir.display(),
                if keep { "without" } else { "with" },
                shards[0].display()
            )));
        }
        let store = Store::open(dir)?;
        // Holding each shard's writer lock keeps an index run from changing it mid-merge.
        writers.push(store.writer(1, 0)?);
        stores.push(store);
    }
    std::fs::create_dir_all(out).map_err(|source| Error::Io {
        path: out.to_path_buf(),
        source,
    })?;
    let directory =
        MmapDirectory::open(out).map_err(|e| Error::Usage(format!("{}: {e}", out.display())))?;
    let indices: Vec<tantivy::Index> = stores.iter().map(|s| s.index.clone()).collect();
    tantivy::indexer::merge_indices(&indices, directory)?;
    index::write_version(out)?;
    index::lines::set_boilerplate_mode(out, keep, true)?;
    drop(writers);
    for s in &stores {
        s.release_writer();
    }

    // Each shard recorded the files it read with its own share of their articles: join them.
    let merged = Store::open(out)?;
    let mut by_path: BTreeMap<String, FileRecord> = BTreeMap::new();
    for r in index::load_records(&merged.searcher()?, &merged.fields)? {
        match by_path.get_mut(&r.path) {
            Some(have) => {
                have.articles.extend(r.articles);
                have.articles.sort();
                have.articles.dedup();
            }
            None => {
                by_path.insert(r.path.clone(), r);
            }
        }
    }
    let mut writer = merged.writer(1, 0)?;
    for r in by_path.values() {
        writer.delete_term(FileRecord::term(&merged.fields, &r.path));
        writer.add_document(r.to_document(&merged.fields))?;
    }
    let files = by_path.len() as u64;
    let progress = Progress {
        schema: index::SCHEMA_VERSION,
        files_done: files,
        files_total: files,
        complete: true,
    };
    super::index::commit(&mut writer, &merged, progress.clone())?;
    // Each shard counted its own lines; the merged counts may call more of them repeated.
    let pool = rayon::ThreadPoolBuilder::new()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
    let resettled = super::boilerplate::settle(
        &merged,
        &mut writer,
        &super::read_options(None, None, crate::cli::MAX_ARTICLE_MB)?,
        keep,
        &pool,
        |m| eprintln!("{m}"),
    )?;
    if resettled > 0 {
        super::index::commit(&mut writer, &merged, progress)?;
    }
    // The shards' own records stay in the index as deleted documents until a later merge drops
    // them; search leaves records out of its statistics, so scores equal a one-run index's.
    // (Merging them away here would cost a rewrite of the whole index, and tantivy estimates a
    // merged segment's token counts from rounded field lengths when it drops documents.)
    writer
        .wait_merging_threads()
        .map_err(|e| index::damaged(out, e))?;
    merged.release_writer();
    let _ = super::stats::refresh(&merged);
    Ok(Summary {
        shards: shards.len(),
        files: by_path.len(),
        articles: by_path.values().map(|r| r.articles.len()).sum(),
    })
}
