//! Word wrapping of styled text into a terminal column: breaks at white
//! space, measures display width (CJK characters take two cells, combining
//! marks none) and breaks a word wider than the column between characters.
//! Control characters and bidi overrides are shown escaped
//! ([`escape::push_terminal`]) and measured as what is shown.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::render::{escape, Painter, Style};

/// A run of text with one style (`None`: unstyled).
pub type Piece = (String, Option<Style>);

/// A wrapped line: its pieces and display width.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    pub pieces: Vec<Piece>,
    pub width: usize,
}

impl Line {
    fn push(&mut self, text: &str, style: Option<Style>) {
        self.width += text.width();
        match self.pieces.last_mut() {
            Some((t, s)) if *s == style => t.push_str(text),
            _ => self.pieces.push((text.to_string(), style)),
        }
    }

    /// The line painted and padded with spaces to `width` cells.
    pub fn render(&self, painter: &Painter, width: usize) -> String {
        let mut out = String::new();
        for (text, style) in &self.pieces {
            match style {
                Some(s) => out.push_str(&painter.paint(*s, text)),
                None => out.push_str(text),
            }
        }
        out.push_str(&" ".repeat(width.saturating_sub(self.width)));
        out
    }
}

/// A word: its pieces, and the style of the white space before it (so a
/// space inside a styled phrase keeps the phrase's style).
struct Word {
    pieces: Vec<Piece>,
    space: Option<Style>,
}

/// Splits pieces into words: each word is the pieces between white space.
fn words(pieces: &[Piece]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current: Vec<Piece> = Vec::new();
    let (mut space, mut next_space) = (None, None);
    for (text, style) in pieces {
        let mut run = String::new();
        for c in text.chars() {
            if c.is_whitespace() {
                if !run.is_empty() {
                    current.push((std::mem::take(&mut run), *style));
                }
                if !current.is_empty() {
                    let pieces = std::mem::take(&mut current);
                    out.push(Word { pieces, space });
                }
                next_space = *style;
            } else {
                if current.is_empty() && run.is_empty() {
                    space = next_space;
                }
                escape::push_terminal(&mut run, c);
            }
        }
        if !run.is_empty() {
            current.push((run, *style));
        }
    }
    if !current.is_empty() {
        out.push(Word {
            pieces: current,
            space,
        });
    }
    out
}

/// Wraps `pieces` into lines of at most `width` display cells (at least 1).
pub fn wrap(pieces: &[Piece], width: usize) -> Vec<Line> {
    let width = width.max(2);
    let mut lines: Vec<Line> = Vec::new();
    let mut line = Line::default();
    for Word {
        pieces: word,
        space: space_style,
    } in words(pieces)
    {
        let w: usize = word.iter().map(|(t, _)| t.width()).sum();
        let space = usize::from(line.width > 0);
        if line.width + space + w <= width {
            if space == 1 {
                line.push(" ", space_style);
            }
            for (t, s) in &word {
                line.push(t, *s);
            }
            continue;
        }
        if w <= width {
            lines.push(std::mem::take(&mut line));
            for (t, s) in &word {
                line.push(t, *s);
            }
            continue;
        }
        // Wider than the column: fill the current line, then break between characters.
        if space == 1 {
            line.push(" ", space_style);
        }
        for (t, s) in &word {
            for c in t.chars() {
                let cw = c.width().unwrap_or(0);
                if line.width + cw > width {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c.encode_utf8(&mut [0; 4]), *s);
            }
        }
    }
    if line.width > 0 {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str, width: usize) -> Vec<String> {
        wrap(&[(text.to_string(), None)], width)
            .iter()
            .map(|l| l.pieces.iter().map(|(t, _)| t.as_str()).collect())
            .collect()
    }

    #[test]
    fn wraps_on_word_boundaries() {
        assert_eq!(
            plain("Both sides see progress", 10),
            ["Both sides", "see", "progress"]
        );
        assert_eq!(plain("a\nwrapped   line", 40), ["a wrapped line"]);
    }

    #[test]
    fn a_space_inside_a_styled_phrase_keeps_the_style() {
        let pieces = vec![
            ("a ".to_string(), None),
            (
                "constructive dialogue".to_string(),
                Some(Style::Cooperative),
            ),
            (" b".to_string(), None),
        ];
        let lines = wrap(&pieces, 40);
        assert_eq!(
            lines[0].render(&Painter::new(true), 0),
            "a \x1b[32mconstructive dialogue\x1b[0m b"
        );
    }

    #[test]
    fn control_characters_are_shown_escaped_and_measured() {
        assert_eq!(
            plain("a\x1b[2Jb \u{202e}c", 40),
            ["a\\u{1b}[2Jb \\u{202e}c"]
        );
        let lines = wrap(&[("\x07".to_string(), None)], 40);
        assert_eq!(lines[0].width, "\\u{7}".len());
    }

    #[test]
    fn wide_characters_count_double() {
        let lines = wrap(&[("中国外交部发言人".to_string(), None)], 6);
        let widths: Vec<usize> = lines.iter().map(|l| l.width).collect();
        assert_eq!(widths, [6, 6, 4]);
        assert_eq!(lines[0].render(&Painter::new(false), 8), "中国外  ");
    }

    #[test]
    fn styles_survive_wrapping_and_each_line_is_painted_on_its_own() {
        let pieces = vec![
            ("shared words".to_string(), Some(Style::Shared)),
            (" own".to_string(), Some(Style::OwnLeft)),
        ];
        let lines = wrap(&pieces, 7);
        assert_eq!(lines.len(), 3);
        let painted = lines[2].render(&Painter::new(true), 7);
        assert_eq!(painted, "\x1b[34mown\x1b[0m    ");
    }
}
