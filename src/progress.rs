//! How long-running library work (building the index, scoring a corpus) says
//! how far it has got, without drawing anything itself: the caller passes a
//! [`Progress`], and only the binary's layer (`cmd/ui.rs`) turns it into a
//! progress bar. Library users and tests pass [`Silent`].

/// Receives how far a piece of work has got. Every method has a do-nothing
/// default; calls may come from several threads at once.
pub trait Progress: Sync {
    /// The work has `total` steps.
    fn start(&self, _total: u64) {}
    /// `steps` more steps are done.
    fn advance(&self, _steps: u64) {}
    /// The work is over (done or abandoned).
    fn finish(&self) {}
}

/// A [`Progress`] that reports nowhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}

/// One part of a piece of work reported to the `Progress` it holds: the
/// caller starts and finishes the whole, so only `advance` is passed on.
pub struct Part<'a>(pub &'a dyn Progress);

impl Progress for Part<'_> {
    fn advance(&self, steps: u64) {
        self.0.advance(steps);
    }
}
