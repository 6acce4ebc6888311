//! The integration tests, in one test binary (one link instead of one per
//! file): each module drives the real `readouts` binary, or the library in
//! process, for one area. `common` is the fixture helper every module uses;
//! `invariants` holds the properties shared with the fuzz targets (the
//! memory test is a binary of its own: see Cargo.toml). Run one
//! area with `cargo test --test integration <module>::`, e.g.
//! `cargo test --test integration framing_gold:: -- --include-ignored`.

mod common;
mod invariants;

mod align;
mod align_gold;
mod bilingual;
mod charts;
mod check;
mod chinese;
mod diff;
mod framing_gold;
mod framing_gold_zh;
mod fuzzing_regressions;
mod hostile_input;
mod html_safety;
mod import_archives;
mod import_files;
mod import_html;
mod import_markdown_feed;
mod index;
mod index_safety;
mod initiator_gold;
mod injection;
mod keyness;
mod kwic;
mod limits;
mod limits_io;
mod loader_properties;
mod outputs;
mod pair;
mod phrases;
mod properties;
mod readme;
mod reliability;
mod reliability_choices;
mod schemas;
mod search;
mod selection;
mod surface;
mod tone;
mod ungdc_import;
