//! Terminal styles by meaning, not by colour: renderers ask for `Style::Hit`
//! or `Style::Cooperative`, and this module alone decides the ANSI codes. With
//! colour off, text passes through unstyled, so `--color never` output is
//! plain and still readable. Either way the painted text goes through
//! [`escape::terminal`](super::escape::terminal): only the painter's own codes
//! reach the terminal.

use crate::analysis::lexicon::Category;

/// What a span of terminal text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Heading,
    Dim,
    Hit,
    Path,
    Error,
    Warning,
    Ok,
    /// Wording both sides share.
    Shared,
    /// Wording only the left / right side uses.
    OwnLeft,
    OwnRight,
    Cooperative,
    Confrontational,
    Disagreement,
    Demand,
    Commitment,
    Concern,
    Initiative,
}

impl From<Category> for Style {
    /// The colour of a framing category, the same in every command.
    fn from(c: Category) -> Style {
        match c {
            Category::Cooperative => Style::Cooperative,
            Category::Confrontational => Style::Confrontational,
            Category::DisagreementCode => Style::Disagreement,
            Category::Demand => Style::Demand,
            Category::Commitment => Style::Commitment,
            Category::ConcernLadder => Style::Concern,
            Category::Initiative => Style::Initiative,
        }
    }
}

impl Style {
    /// The SGR parameters of the style.
    pub fn sgr(self) -> &'static str {
        match self {
            Style::Heading => "1",
            Style::Dim => "2",
            Style::Hit => "1;31",
            Style::Path => "35",
            Style::Error => "1;31",
            Style::Warning => "1;33",
            Style::Ok => "1;32",
            Style::Shared => "2",
            Style::OwnLeft => "34",
            Style::OwnRight => "33",
            Style::Cooperative => "32",
            Style::Confrontational => "31",
            Style::Disagreement => "35",
            Style::Demand => "36",
            Style::Commitment => "1;32",
            Style::Concern => "1;35",
            Style::Initiative => "4",
        }
    }
}

/// Applies styles when colour is on.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    pub color: bool,
}

impl Painter {
    pub fn new(color: bool) -> Painter {
        Painter { color }
    }

    /// `text` with its control characters escaped, in `style` when colour is on.
    pub fn paint(&self, style: Style, text: &str) -> String {
        let text = super::escape::terminal(text);
        if self.color && !text.is_empty() {
            format!("\x1b[{}m{}\x1b[0m", style.sgr(), text)
        } else {
            text.into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn painting_is_a_no_op_without_colour() {
        assert_eq!(Painter::new(false).paint(Style::Hit, "x"), "x");
        assert_eq!(
            Painter::new(true).paint(Style::Hit, "x"),
            "\x1b[1;31mx\x1b[0m"
        );
    }

    #[test]
    fn painted_text_cannot_carry_its_own_codes() {
        for color in [false, true] {
            let painted = Painter::new(color).paint(Style::Hit, "a\x1b[8mb\n");
            assert!(painted.contains("a\\u{1b}[8mb\\n"), "{painted:?}");
        }
    }
}
