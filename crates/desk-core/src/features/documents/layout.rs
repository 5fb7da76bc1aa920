//! Page layout as a list of drawing operations per page, then written as PDF. Laying out first
//! keeps page breaks simple (a block that does not fit starts a new page) and leaves the PDF
//! writer with nothing to decide.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

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

    /// The face text of `weight` is measured with (bold is the same face, outlined).
    pub fn face(&self, _weight: Weight) -> &'f Face {
        &self.fonts.regular
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

/// The font's resource name on every page.
const FONT: Name<'static> = Name(b"F1");

/// PDF's "Identity" collection: character ids are glyph ids.
const IDENTITY: SystemInfo<'static> = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

/// Compresses a stream's data (zlib, as FlateDecode expects).
fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// Writes the laid-out pages as a PDF. Text is shown as glyph ids of the embedded TrueType font
/// (a CIDFontType2 under Identity-H), with a ToUnicode map from each glyph to its character,
/// so that the text can be searched and extracted. Coordinates are laid out from the top-left
/// corner and turned to PDF's bottom-left here.
pub(crate) fn write_pdf(
    pages: Vec<Vec<Op>>,
    size: (f32, f32),
    fonts: &Fonts,
    title: &str,
    lang: &str,
) -> Result<Vec<u8>, DocumentError> {
    let face = &fonts.regular;
    let metrics = face.metrics().ok_or(DocumentError::Layout("font metrics"))?;
    let mut next_id = 0;
    let mut next = || {
        next_id += 1;
        Ref::new(next_id)
    };
    let (catalog, tree, info) = (next(), next(), next());
    let (type0, cid, descriptor, font_file, to_unicode) = (next(), next(), next(), next(), next());
    let mut pdf = Pdf::new();
    let height = size.1;

    let mut used: BTreeMap<u16, char> = BTreeMap::new();
    let mut page_ids = Vec::with_capacity(pages.len());
    for ops in &pages {
        let mut content = Content::new();
        for op in ops {
            match op {
                Op::Text { x, y, size, weight, text } => {
                    let mut shown = Vec::with_capacity(text.len() * 2);
                    for (glyph, c) in face.glyphs(text) {
                        used.entry(glyph).or_insert(c);
                        shown.extend(glyph.to_be_bytes());
                    }
                    content.begin_text();
                    // Bold: the glyphs filled and outlined with a thin stroke, from one face.
                    match weight {
                        Weight::Regular => content.set_text_rendering_mode(TextRenderingMode::Fill),
                        Weight::Bold => {
                            content.set_text_rendering_mode(TextRenderingMode::FillStroke).set_line_width(size * 0.04)
                        }
                    };
                    content.set_font(FONT, *size);
                    content.set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, height - y]);
                    content.show(Str(&shown));
                    content.end_text();
                }
                Op::Line { from, to, width } => {
                    content.set_line_width(*width);
                    content.move_to(from.0, height - from.1);
                    content.line_to(to.0, height - to.1);
                    content.stroke();
                }
                Op::Rects(rects) => {
                    for (x, y, w, h) in rects {
                        content.rect(*x, height - y - h, *w, *h);
                    }
                    content.fill_nonzero();
                }
            }
        }
        let (page_id, content_id) = (next(), next());
        pdf.stream(content_id, &deflate(&content.finish())).filter(Filter::FlateDecode);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, size.0, size.1));
        page.parent(tree);
        page.contents(content_id);
        page.resources().fonts().pair(FONT, type0);
        page.finish();
        page_ids.push(page_id);
    }

    pdf.catalog(catalog).pages(tree).lang(TextStr(lang));
    pdf.pages(tree).count(page_ids.len() as i32).kids(page_ids);
    pdf.document_info(info).title(TextStr(title)).creator(TextStr("Supplier Desk"));

    let base_font = Name(metrics.postscript_name.as_bytes());
    pdf.type0_font(type0)
        .base_font(base_font)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(to_unicode);
    let mut cid_font = pdf.cid_font(cid);
    cid_font
        .subtype(CidFontType::Type2)
        .base_font(base_font)
        .system_info(IDENTITY)
        .font_descriptor(descriptor)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    let mut widths = cid_font.widths();
    for &glyph in used.keys() {
        widths.consecutive(glyph, [face.advance(glyph)]);
    }
    widths.finish();
    cid_font.finish();

    let em = |v: f32| v * 1000.0 / metrics.units_per_em;
    let (x0, y0, x1, y1) = metrics.bbox;
    pdf.font_descriptor(descriptor)
        .name(base_font)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(em(x0), em(y0), em(x1), em(y1)))
        .italic_angle(0.0)
        .ascent(em(metrics.ascender))
        .descent(em(metrics.descender))
        .cap_height(em(metrics.cap_height))
        .stem_v(80.0)
        .font_file2(font_file);
    pdf.stream(font_file, &deflate(&face.data))
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), face.data.len() as i32);

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), IDENTITY);
    for (&glyph, &c) in used.iter().filter(|(g, _)| **g != 0) {
        cmap.pair(glyph, c);
    }
    pdf.cmap(to_unicode, &cmap.finish()).system_info(IDENTITY);
    Ok(pdf.finish())
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
