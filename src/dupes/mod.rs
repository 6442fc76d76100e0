//! Near-duplicates: which articles are copies of one story (syndicated wire copy, reprints with a
//! new headline, a byline and a trailer, small edits).
//!
//! `signature` turns an article's text into a MinHash signature at index time (stored as a fast
//! field of its first passage); `clusters` groups the articles of an index whose signatures agree
//! (LSH bands, then the estimated similarity checked) into clusters named after their earliest
//! article. Clusters are a function of the index's content, computed when it changes and kept in
//! a table file beside it (`table`), so incremental runs, `--prune` and `merge` all give what one run gives.

mod clusters;
mod signature;
mod table;

pub use clusters::{Cluster, Clusters, SIMILARITY};
pub use signature::{Signature, HASHES, SHINGLE_WORDS};
pub use table::{CLUSTERS_FILE, LEGACY_CLUSTERS_FILE};
