//! Placing text labels beside points in an SVG plot so that none is cut off at
//! the edge and none covers another: each label tries the spots around its
//! point in turn (right, left, above, below, then the diagonals) and takes the
//! first that lies inside the plot and clear of every label already placed; a
//! label with no such spot is dropped, and the caller says how many were.
//!
//! Widths are estimated, not measured (no fonts at render time): per
//! character, at the advance of a wide sans-serif (DejaVu Sans, the widest of
//! the usual defaults) rounded up, so a real label is never wider than its box.

/// An axis-aligned box in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }
}

/// How a placed label is anchored at its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// Where a label goes: its text position (`y` is the baseline) and box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub rect: Rect,
}

/// Height above the baseline and depth below it, per pixel of font size.
const ASCENT: f64 = 0.95;
const DESCENT: f64 = 0.3;

/// The width of `text` at `font_px`, at least as wide as it renders.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * font_px
}

fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.34,
        ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' => 0.45,
        'm' | 'w' | 'M' | 'W' => 1.02,
        'A'..='Z' => 0.8,
        c if c.is_ascii() => 0.66,
        // Latin letters with accents, Greek, Cyrillic: as wide as capitals.
        c if (c as u32) < 0x1100 => 0.8,
        // CJK and other wide scripts: a full em, and a little more.
        _ => 1.05,
    }
}

/// Places labels one after another inside `bounds`, keeping them apart.
#[derive(Debug, Clone)]
pub struct Placer {
    bounds: Rect,
    taken: Vec<Rect>,
}

impl Placer {
    pub fn new(bounds: Rect) -> Placer {
        Placer {
            bounds,
            taken: Vec::new(),
        }
    }

    /// Keeps `rect` free of labels (a note, a point's dot).
    pub fn reserve(&mut self, rect: Rect) {
        self.taken.push(rect);
    }

    /// The first free spot for `text` beside the point `(cx, cy)` of radius
    /// `r`, taken; `None` when every spot is out of bounds or covered.
    pub fn place(
        &mut self,
        (cx, cy): (f64, f64),
        r: f64,
        text: &str,
        font_px: f64,
    ) -> Option<Placed> {
        let (w, up, down) = (
            text_width(text, font_px),
            ASCENT * font_px,
            DESCENT * font_px,
        );
        let gap = r + 2.0;
        let mid = cy + (up - down) / 2.0;
        let spots = [
            (cx + gap, mid, Anchor::Start),
            (cx - gap, mid, Anchor::End),
            (cx, cy - gap - down, Anchor::Middle),
            (cx, cy + gap + up, Anchor::Middle),
            (cx + gap * 0.7, cy - gap * 0.7 - down, Anchor::Start),
            (cx - gap * 0.7, cy - gap * 0.7 - down, Anchor::End),
            (cx + gap * 0.7, cy + gap * 0.7 + up, Anchor::Start),
            (cx - gap * 0.7, cy + gap * 0.7 + up, Anchor::End),
        ];
        let found = spots.into_iter().find_map(|(x, y, anchor)| {
            let x0 = match anchor {
                Anchor::Start => x,
                Anchor::Middle => x - w / 2.0,
                Anchor::End => x - w,
            };
            let rect = Rect {
                x0,
                y0: y - up,
                x1: x0 + w,
                y1: y + down,
            };
            let free = rect.inside(&self.bounds) && !self.taken.iter().any(|t| t.overlaps(&rect));
            free.then_some(Placed { x, y, anchor, rect })
        })?;
        self.taken.push(found.rect);
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plot() -> Rect {
        Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 200.0,
            y1: 100.0,
        }
    }

    #[test]
    fn a_label_at_the_right_edge_goes_left() {
        let mut p = Placer::new(plot());
        let placed = p.place((195.0, 50.0), 3.0, "Secret", 11.0).unwrap();
        assert_eq!(placed.anchor, Anchor::End);
        assert!(placed.rect.inside(&plot()));
    }

    #[test]
    fn crowded_labels_take_other_spots_or_are_dropped() {
        let mut p = Placer::new(plot());
        let names = [
            "Antony",
            "J",
            "Blinken",
            "Office",
            "State",
            "Department",
            "Secretary",
            "Spokesperson",
            "Press",
            "Statement",
        ];
        let placed: Vec<Placed> = names
            .iter()
            .filter_map(|n| p.place((100.0, 50.0), 3.0, n, 11.0))
            .collect();
        assert!(placed.len() >= 2, "{placed:?}");
        assert!(placed.len() < names.len(), "some are dropped");
        for (i, a) in placed.iter().enumerate() {
            assert!(a.rect.inside(&plot()));
            for b in &placed[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{a:?} and {b:?}");
            }
        }
    }

    #[test]
    fn wide_scripts_are_estimated_wider() {
        assert!(text_width("合作", 11.0) > text_width("ab", 11.0));
        assert!(text_width("WM", 11.0) > text_width("il", 11.0));
    }
}
