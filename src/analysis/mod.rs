//! The analyses: each takes corpus data and returns plain, serde-serialisable
//! results that a renderer turns into output. Nothing here writes.

pub mod align;
pub mod diff;
