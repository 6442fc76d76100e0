//! The progress bar of long runs: indicatif on stderr, drawn only when stderr is a terminal.
//! Messages printed while it is shown go above it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar over bytes, with the file count in its message; invisible when disabled.
pub struct Bar {
    bar: Option<ProgressBar>,
    files: std::cell::Cell<u64>,
    total_files: std::cell::Cell<u64>,
}

impl Bar {
    /// A bar that draws when `visible` (callers pass "stderr is a terminal and not --quiet").
    pub fn new(visible: bool) -> Bar {
        let bar = visible.then(|| {
            let b = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
                )
                .expect("static template"),
            );
            b
        });
        Bar {
            bar,
            files: 0.into(),
            total_files: 0.into(),
        }
    }

    /// Sets the work to do.
    pub fn start(&self, bytes: u64, files: u64) {
        self.total_files.set(files);
        if let Some(b) = &self.bar {
            b.set_length(bytes);
            b.set_message(format!("0/{files} files"));
        }
    }

    /// One more file of `bytes` done.
    pub fn advance(&self, bytes: u64) {
        self.files.set(self.files.get() + 1);
        if let Some(b) = &self.bar {
            b.inc(bytes);
            b.set_message(format!(
                "{}/{} files",
                self.files.get(),
                self.total_files.get()
            ));
        }
    }

    /// Prints a line on stderr without breaking the bar.
    pub fn message(&self, line: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
