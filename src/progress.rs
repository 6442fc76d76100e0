//! Progress of an index run on stderr: an indicatif bar redrawn in place (a terminal), one plain
//! line every interval (a log), or nothing. Messages printed meanwhile go above the bar.
//!
//! The run only stores counters (atomics: bytes of the files done so far, files, articles,
//! passages); a reporter thread turns them into the bar or the lines, so a long file moves the
//! progress as it is read and the clock ticks even while nothing finishes.

use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{RecvTimeoutError, Sender};
use indicatif::{BinaryBytes, ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};

/// How progress is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Not at all.
    None,
    /// A bar redrawn in place; `forced` draws it even when stderr is not a terminal.
    Bar {
        /// Draw on stderr whatever it is.
        forced: bool,
    },
    /// One line every `every`, none before the first interval has passed.
    Plain {
        /// Time between two lines.
        every: Duration,
    },
}

/// How often the bar's figures are refreshed (its clock and spinner tick on their own).
const BAR_REFRESH: Duration = Duration::from_millis(200);

#[derive(Default)]
struct Counters {
    total_bytes: AtomicU64,
    total_files: AtomicU64,
    bytes: AtomicU64,
    files: AtomicU64,
    articles: AtomicU64,
    passages: AtomicU64,
    /// Everything is read and handed over: the last commit is being written.
    committing: AtomicBool,
}

/// The progress of one index run; shows nothing with [`Style::None`].
pub struct Bar {
    style: Style,
    /// Hidden until [`Bar::start`] knows the length.
    bar: Option<ProgressBar>,
    counts: Arc<Counters>,
    reporter: Mutex<Option<(Sender<()>, JoinHandle<()>)>>,
}

impl Bar {
    /// Progress shown as `style` (callers resolve --progress, --quiet and the terminal check).
    pub fn new(style: Style) -> Bar {
        let bar = match style {
            Style::Bar { .. } => {
                let b = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
                b.set_style(
                    ProgressStyle::with_template(
                        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {prefix}\n  {msg}",
                    )
                    .expect("static template"),
                );
                b.set_prefix("ETA ?");
                Some(b)
            }
            _ => None,
        };
        Bar {
            style,
            bar,
            counts: Arc::default(),
            reporter: Mutex::new(None),
        }
    }

    /// Sets the work to do and starts reporting: the clock of rates and ETA starts here.
    pub fn start(&self, bytes: u64, files: u64) {
        self.counts.total_bytes.store(bytes, Relaxed);
        self.counts.total_files.store(files, Relaxed);
        let every = match self.style {
            Style::None => return,
            Style::Bar { .. } => BAR_REFRESH,
            Style::Plain { every } => every,
        };
        if let (Some(b), Style::Bar { forced }) = (&self.bar, self.style) {
            b.set_length(bytes);
            b.set_draw_target(if forced {
                ProgressDrawTarget::term_like(Box::new(AnsiStderr))
            } else {
                ProgressDrawTarget::stderr()
            });
            b.enable_steady_tick(Duration::from_millis(100));
        }
        let (stop, stopped) = crossbeam_channel::bounded::<()>(1);
        let counts = Arc::clone(&self.counts);
        let bar = self.bar.clone();
        let handle = std::thread::spawn(move || {
            let mut eta = Eta::new();
            let report = |eta: &mut Eta| {
                let s = Snapshot::take(&counts, eta);
                match &bar {
                    Some(b) => s.draw(b),
                    // Not eprintln: a closed stderr must not panic this thread.
                    None => {
                        let _ = writeln!(std::io::stderr(), "dossier: progress {}", s.line());
                    }
                }
            };
            if bar.is_some() {
                report(&mut eta);
            }
            while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(every) {
                report(&mut eta);
            }
        });
        if let Ok(mut r) = self.reporter.lock() {
            *r = Some((stop, handle));
        }
    }

    /// Articles and passages indexed so far, and `bytes` of the files to read done with.
    pub fn done(&self, bytes: u64, articles: usize, passages: usize) {
        self.counts.bytes.fetch_max(bytes, Relaxed);
        self.counts.articles.store(articles as u64, Relaxed);
        self.counts.passages.store(passages as u64, Relaxed);
    }

    /// Everything is read: what is left is writing the last commit (shown instead of the ETA).
    pub fn committing(&self) {
        self.counts.committing.store(true, Relaxed);
    }

    /// One more file done.
    pub fn file_done(&self) {
        self.counts.files.fetch_add(1, Relaxed);
    }

    /// Prints a line on stderr without breaking the bar (a closed stderr is ignored).
    pub fn message(&self, line: &str) {
        let print = || {
            let _ = writeln!(std::io::stderr(), "{line}");
        };
        match &self.bar {
            Some(b) => b.suspend(print),
            None => print(),
        }
    }

    /// Stops reporting and removes the bar.
    pub fn finish(&self) {
        let reporter = self.reporter.lock().ok().and_then(|mut r| r.take());
        if let Some((stop, handle)) = reporter {
            let _ = stop.send(());
            let _ = handle.join();
        }
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.finish();
    }
}

/// An estimate of the time left from the average rate since the start, counted down between
/// two changes of the figures rather than growing while a batch is in work.
struct Eta {
    started: Instant,
    last_bytes: u64,
    /// Time left as estimated at the last change, and when.
    at_change: Option<(Instant, Duration)>,
}

impl Eta {
    fn new() -> Eta {
        Eta {
            started: Instant::now(),
            last_bytes: 0,
            at_change: None,
        }
    }

    fn update(&mut self, bytes: u64, total: u64) -> Option<Duration> {
        let now = Instant::now();
        if bytes >= total {
            return Some(Duration::ZERO);
        }
        if bytes > self.last_bytes {
            self.last_bytes = bytes;
            let spent = now.duration_since(self.started).as_secs_f64();
            let left = spent * (total - bytes) as f64 / bytes as f64;
            self.at_change = Some((now, Duration::from_secs_f64(left)));
        }
        self.at_change
            .map(|(at, left)| left.saturating_sub(now.duration_since(at)))
    }
}

/// The figures of one report.
struct Snapshot {
    elapsed: Duration,
    bytes: u64,
    total_bytes: u64,
    files: u64,
    total_files: u64,
    articles: u64,
    passages: u64,
    eta: Option<Duration>,
    committing: bool,
}

impl Snapshot {
    fn take(c: &Counters, eta: &mut Eta) -> Snapshot {
        let total_bytes = c.total_bytes.load(Relaxed);
        let bytes = c.bytes.load(Relaxed).min(total_bytes);
        Snapshot {
            elapsed: eta.started.elapsed(),
            bytes,
            total_bytes,
            files: c.files.load(Relaxed),
            total_files: c.total_files.load(Relaxed),
            articles: c.articles.load(Relaxed),
            passages: c.passages.load(Relaxed),
            eta: eta.update(bytes, total_bytes),
            committing: c.committing.load(Relaxed),
        }
    }

    fn per_second(&self, n: u64) -> u64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            (n as f64 / secs).round() as u64
        } else {
            0
        }
    }

    /// `ETA HH:MM:SS` (`ETA ?` before the first figures), or `committing` at the end.
    fn eta(&self) -> String {
        if self.committing {
            return "committing".to_string();
        }
        format!("ETA {}", self.eta.map_or_else(|| "?".to_string(), clock))
    }

    fn counts(&self) -> String {
        format!(
            "{}/{} files, {} articles ({}/s), {} passages ({}/s), {}/s",
            self.files,
            self.total_files,
            self.articles,
            self.per_second(self.articles),
            self.passages,
            self.per_second(self.passages),
            BinaryBytes(self.per_second(self.bytes)),
        )
    }

    /// The plain line, e.g. `[00:00:10] 21.25 MiB/84.99 MiB (25%), 0/1 files, 5004 articles
    /// (500/s), 13480 passages (1348/s), 2.12 MiB/s, ETA 00:00:30`.
    fn line(&self) -> String {
        let percent = (self.bytes * 100)
            .checked_div(self.total_bytes)
            .unwrap_or(100);
        let mut s = String::new();
        let _ = write!(
            s,
            "[{}] {}/{} ({percent}%), {}, {}",
            clock(self.elapsed),
            BinaryBytes(self.bytes),
            BinaryBytes(self.total_bytes),
            self.counts(),
            self.eta()
        );
        s
    }

    fn draw(&self, b: &ProgressBar) {
        b.set_position(self.bytes);
        b.set_prefix(self.eta());
        b.set_message(self.counts());
    }
}

/// `HH:MM:SS`, like the bar's clock.
fn clock(d: Duration) -> String {
    let s = d.as_secs();
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// stderr as a terminal whatever it is (`--progress bar` into a pipe or a file): ANSI escapes,
/// 80 columns.
#[derive(Debug)]
struct AnsiStderr;

impl AnsiStderr {
    fn put(&self, s: &str) -> std::io::Result<()> {
        std::io::stderr().write_all(s.as_bytes())
    }
}

impl TermLike for AnsiStderr {
    fn width(&self) -> u16 {
        80
    }
    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        if n > 0 {
            self.put(&format!("\x1b[{n}A"))?;
        }
        Ok(())
    }
    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        if n > 0 {
            self.put(&format!("\x1b[{n}B"))?;
        }
        Ok(())
    }
    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        if n > 0 {
            self.put(&format!("\x1b[{n}C"))?;
        }
        Ok(())
    }
    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        if n > 0 {
            self.put(&format!("\x1b[{n}D"))?;
        }
        Ok(())
    }
    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.put(&format!("{s}\n"))
    }
    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.put(s)
    }
    fn clear_line(&self) -> std::io::Result<()> {
        self.put("\r\x1b[2K")
    }
    fn flush(&self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eta_counts_down_from_the_average_rate() {
        let mut eta = Eta::new();
        assert_eq!(eta.update(0, 100), None);
        eta.started = Instant::now() - Duration::from_secs(10);
        let left = eta.update(25, 100).expect("an estimate");
        assert!((29..=31).contains(&left.as_secs()), "{left:?}");
        assert_eq!(eta.update(100, 100), Some(Duration::ZERO));
    }

    #[test]
    fn plain_line_reads_well() {
        let s = Snapshot {
            elapsed: Duration::from_secs(10),
            bytes: 20 << 20,
            total_bytes: 80 << 20,
            files: 0,
            total_files: 1,
            articles: 5000,
            passages: 13480,
            eta: Some(Duration::from_secs(30)),
            committing: false,
        };
        assert_eq!(
            s.line(),
            "[00:00:10] 20.00 MiB/80.00 MiB (25%), 0/1 files, 5000 articles (500/s), \
             13480 passages (1348/s), 2.00 MiB/s, ETA 00:00:30"
        );
    }
}
