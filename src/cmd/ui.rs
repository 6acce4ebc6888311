//! The one way the binary talks to the user besides its output: one-line
//! notes and warnings on stderr (`readouts: …`, control characters shown
//! escaped), and progress bars drawn only when stderr is a terminal. The
//! library never prints; it reports progress through [`crate::progress`].

use std::io::{IsTerminal, Write};

use crate::progress::Progress;
use crate::render::escape;

/// Writes `readouts: MESSAGE` on stderr, corpus text in it made harmless.
pub fn note(message: impl std::fmt::Display) {
    let line = message.to_string();
    let _ = writeln!(std::io::stderr(), "readouts: {}", escape::terminal(&line));
}

/// Writes `readouts: MESSAGE` on stderr only when a person watches stderr.
pub fn note_on_terminal(message: impl std::fmt::Display) {
    if std::io::stderr().is_terminal() {
        note(message);
    }
}

/// The warning every command that reads the corpus gives when some files
/// could not be read: `problems` of them, and what the command does instead.
pub fn corpus_problems(problems: usize, instead: &str) {
    if problems > 0 {
        note(format_args!(
            "warning: the corpus has {problems} problem(s), {instead}; run `readouts check` for details"
        ));
    }
}

/// A progress bar on stderr, or nothing when stderr is not a terminal or the
/// work has fewer than `min_total` steps.
pub struct Bar {
    bar: indicatif::ProgressBar,
    template: &'static str,
    min_total: u64,
}

impl Bar {
    /// A bar drawn with the indicatif `template` (`{bar}`, `{pos}`, `{len}`, `{eta}`).
    pub fn new(template: &'static str, min_total: u64) -> Bar {
        Bar {
            bar: indicatif::ProgressBar::hidden(),
            template,
            min_total,
        }
    }
}

impl Progress for Bar {
    fn start(&self, total: u64) {
        if !std::io::stderr().is_terminal() || total < self.min_total {
            return;
        }
        self.bar
            .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template(self.template) {
            self.bar.set_style(style);
        }
        self.bar.set_length(total);
    }

    fn advance(&self, steps: u64) {
        self.bar.inc(steps);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
