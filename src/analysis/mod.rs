//! The analyses: each takes corpus statements and returns plain,
//! serialisable data for the renderers; none of them writes output.

pub mod keyness;
