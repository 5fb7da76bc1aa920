//! Page layout as a list of drawing operations per page, then written as PDF by krilla. Laying
//! out first keeps page breaks simple (a block that does not fit starts a new page) and leaves
//! the PDF writer with nothing to decide.

use krilla::Document;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};

use super::DocumentError;
use super::font::{Face, Fonts};

/// A4 in points.
pub(crate) const A4: (f32, f32) = (595.28, 841.89);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// Text on one line; `y` is the baseline.
    Text { x: f32, y: f32, size: f32, weight: Weight, text: String },
    /// A straight rule of `width` points.
    Line { from: (f32, f32), to: (f32, f32), width: f32 },
    /// Filled black rectangles (a QR code's dark modules), drawn as one path.
    Rects(Vec<(f32, f32, f32, f32)>),
}

/// A top-to-bottom flow of blocks over as many pages as it needs.
pub(crate) struct Flow<'f> {
    pub fonts: &'f Fonts,
    pub size: (f32, f32),
    pub margin: f32,
    pages: Vec<Vec<Op>>,
    /// The next baseline's distance from the page's top.
    y: f32,
}

impl<'f> Flow<'f> {
    pub fn new(fonts: &'f Fonts, size: (f32, f32), margin: f32) -> Flow<'f> {
        Flow { fonts, size, margin, pages: vec![Vec::new()], y: margin }
    }

    pub fn face(&self, weight: Weight) -> &'f Face {
        match weight {
            Weight::Regular => &self.fonts.regular,
            Weight::Bold => &self.fonts.bold,
        }
    }

    pub fn left(&self) -> f32 {
        self.margin
    }

    pub fn right(&self) -> f32 {
        self.size.0 - self.margin
    }

    pub fn y(&self) -> f32 {
        self.y
    }

    /// Moves down by `dy` points.
    pub fn advance(&mut self, dy: f32) {
        self.y += dy;
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub fn keep(&mut self, height: f32) {
        if self.y + height > self.size.1 - self.margin && !self.page().is_empty() {
            self.pages.push(Vec::new());
            self.y = self.margin;
        }
    }

    fn page(&mut self) -> &mut Vec<Op> {
        // `pages` starts with one page and only grows.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub fn push(&mut self, op: Op) {
        self.page().push(op);
    }

    /// Text whose left edge is at `x`, on the current baseline.
    pub fn text(&mut self, x: f32, text: &str, size: f32, weight: Weight) {
        let y = self.y;
        self.push(Op::Text { x, y, size, weight, text: text.to_owned() });
    }

    /// Text whose right edge is at `right`, on the current baseline.
    pub fn text_right(&mut self, right: f32, text: &str, size: f32, weight: Weight) {
        let x = right - self.face(weight).width(text, size);
        self.text(x, text, size, weight);
    }

    /// A horizontal rule from `x1` to `x2` at `dy` below the current baseline.
    pub fn rule(&mut self, x1: f32, x2: f32, dy: f32, width: f32) {
        let y = self.y + dy;
        self.push(Op::Line { from: (x1, y), to: (x2, y), width });
    }

    /// `text` broken into lines no wider than `width` at `size` (at spaces; a word longer than
    /// a line is broken where it must be).
    pub fn wrap(&self, text: &str, width: f32, size: f32, weight: Weight) -> Vec<String> {
        let face = self.face(weight);
        let fits = |s: &str| face.width(s, size) <= width;
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
                if fits(&candidate) {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for ch in word.chars() {
                    line.push(ch);
                    if !fits(&line) && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::replace(&mut line, ch.to_string()));
                    }
                }
            }
            if !line.is_empty() {
                lines.push(line);
            }
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }

    /// Paragraph text at `x`, wrapped to `width`, one `leading` per line.
    pub fn paragraph(&mut self, x: f32, width: f32, text: &str, size: f32, leading: f32) {
        for line in self.wrap(text, width, size, Weight::Regular) {
            self.keep(leading);
            self.text(x, &line, size, Weight::Regular);
            self.advance(leading);
        }
    }

    pub fn into_pages(self) -> Vec<Vec<Op>> {
        self.pages
    }
}

/// Writes the laid-out pages as a PDF with the fonts embedded (subsetted, with a ToUnicode map,
/// so that the text can be searched and extracted).
pub(crate) fn write_pdf(
    pages: Vec<Vec<Op>>,
    size: (f32, f32),
    fonts: &Fonts,
    title: &str,
    lang: &str,
) -> Result<Vec<u8>, DocumentError> {
    let mut document = Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_owned())
            .language(lang.to_owned())
            .creator("Supplier Desk".to_owned()),
    );
    let settings = PageSettings::from_wh(size.0, size.1).ok_or(DocumentError::Layout("page size"))?;
    for ops in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text { x, y, size, weight, text } => {
                    let face = match weight {
                        Weight::Regular => &fonts.regular,
                        Weight::Bold => &fonts.bold,
                    };
                    let glyphs = face.glyphs(&text);
                    surface.draw_glyphs(Point::from_xy(x, y), &glyphs, face.pdf.clone(), &text, size, false);
                }
                Op::Line { from, to, width } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(from.0, from.1);
                    pb.line_to(to.0, to.1);
                    let path = pb.finish().ok_or(DocumentError::Layout("rule"))?;
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke { width, ..Stroke::default() }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                    surface.set_fill(Some(Fill::default()));
                }
                Op::Rects(rects) => {
                    let mut pb = PathBuilder::new();
                    for (x, y, w, h) in rects {
                        pb.push_rect(Rect::from_xywh(x, y, w, h).ok_or(DocumentError::Layout("rectangle"))?);
                    }
                    let path = pb.finish().ok_or(DocumentError::Layout("rectangles"))?;
                    surface.set_fill(Some(Fill { opacity: NormalizedF32::ONE, ..Fill::default() }));
                    surface.draw_path(&path);
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| DocumentError::Pdf(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::from_system().expect("DejaVu Sans (fonts-dejavu-core) is installed")
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let fonts = fonts();
        let flow = Flow::new(&fonts, A4, 50.0);
        let text = "Гильза подогнана, высота скорректирована на 5 мм; Қабылдаушы ұлы қатысты";
        let lines = flow.wrap(text, 120.0, 10.0, Weight::Regular);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| fonts.regular.width(l, 10.0) <= 120.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        // A word longer than the line is broken rather than left to run off the page.
        let long = "PR-7731-Ә-".repeat(8);
        let pieces = flow.wrap(&long, 60.0, 10.0, Weight::Regular);
        assert!(pieces.len() > 1 && pieces.concat() == long, "{pieces:?}");
    }

    #[test]
    fn a_block_that_does_not_fit_starts_a_new_page() {
        let fonts = fonts();
        let mut flow = Flow::new(&fonts, A4, 50.0);
        for i in 0..80 {
            flow.keep(14.0);
            flow.text(50.0, &format!("line {i}"), 10.0, Weight::Regular);
            flow.advance(14.0);
        }
        let pages = flow.into_pages();
        assert_eq!(pages.len(), 2, "(841.89 - 100) / 14 = 52 lines a page");
        let baselines = pages.iter().flatten().filter_map(|op| match op {
            Op::Text { y, .. } => Some(*y),
            _ => None,
        });
        assert!(baselines.into_iter().all(|y| (50.0..=A4.1 - 50.0).contains(&y)), "every line within the margins");
    }
}
