//! The analyses: each takes corpus data and returns plain, serialisable
//! figures for the renderers, so every number can be tested without output.

pub mod tone;
