//! The analyses: each reads corpus statements through the text layer and
//! returns plain, serialisable data that a renderer can print and a scholar
//! can trace back to the sentence it came from. Nothing here writes output.

pub mod align;
pub mod bilingual;
pub mod diff;
pub mod keyness;
pub mod lexicon;
pub mod pair;
pub mod reference;
pub mod tone;
