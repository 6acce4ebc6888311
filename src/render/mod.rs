//! The render layer: the only code that writes output. Analyses hand plain data
//! to a renderer together with a `Write`; renderers never compute figures.
//! This module holds what every renderer shares: the output formats, colour
//! decisions and escaping for CSV, Markdown and HTML.

pub mod bilingual;
pub mod check;
pub mod diff;
pub mod escape;
pub mod json;
pub mod keyness;
pub mod kwic;
pub mod labels;
pub mod page;
pub mod pair;
pub mod phrases;
pub mod search;
pub mod style;
pub mod tone;

pub use style::{Painter, Style};

/// Output formats a command may offer; each command says which it supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
    Md,
    Html,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Md => "md",
            Format::Html => "html",
        }
    }
}

/// A count and its noun, in the singular for one: "1 side", "2 sides".
/// Every renderer words its counts with this (or [`count_as`]).
pub fn count(n: usize, noun: &str) -> String {
    count_as(n, noun, &format!("{noun}s"))
}

/// A count with an irregular plural: `count_as(2, "entry", "entries")`.
pub fn count_as(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", noun(n, one, many))
}

/// The noun alone, for a count printed apart from it: `one` for 1, else `many`.
pub fn noun<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Whether to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `auto` colours only a terminal, and never when `NO_COLOR` is set
    /// (<https://no-color.org>); `always` and `never` are obeyed as said.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}
