//! Near-duplicates: which articles are copies of one story (syndicated wire copy, reprints with a
//! new headline, a byline and a trailer, small edits).
//!
//! `signature` turns an article's text into a MinHash signature at index time (stored as a fast
//! field of its first passage); `clusters` groups the articles of an index whose signatures agree
//! (LSH bands, then the estimated similarity checked) into clusters named after their earliest
//! article. Clusters are a function of the index's content, computed when it changes and kept in
//! a cache file beside it, so incremental runs, `--prune` and `merge` all give what one run gives.

mod clusters;
mod signature;

pub use clusters::{Cluster, Clusters, CLUSTERS_FILE, SIMILARITY};
pub use signature::{Signature, HASHES, SHINGLE_WORDS};
