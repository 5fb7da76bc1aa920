//! The little of a TrueType file the documents read: the character map (formats 4 and 12), the
//! glyphs' advances, the metrics a PDF font descriptor states, and the PostScript name. Read by
//! hand rather than with a font library, whose parser for every other table would cost the
//! release binary more than this whole feature may.

/// A table's bytes by its tag, from the file's table directory.
fn table<'a>(data: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let count = usize::from(u16_at(data, 4)?);
    (0..count).find_map(|i| {
        let record = 12 + 16 * i;
        if data.get(record..record + 4)? != tag {
            return None;
        }
        let offset = u32_at(data, record + 8)? as usize;
        let length = u32_at(data, record + 12)? as usize;
        data.get(offset..offset.checked_add(length)?)
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn i16_at(data: &[u8], at: usize) -> Option<i16> {
    u16_at(data, at).map(|v| v as i16)
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([*data.get(at)?, *data.get(at + 1)?, *data.get(at + 2)?, *data.get(at + 3)?]))
}

/// Which character map subtable the font has, and where (offset into `cmap`).
#[derive(Debug, Clone, Copy)]
enum Charmap {
    /// Format 12: every Unicode plane.
    Segmented(usize),
    /// Format 4: the Basic Multilingual Plane (Cyrillic, Kazakh letters and ₸ are all in it).
    SegmentDeltas(usize),
}

/// What the documents need of a TrueType font, read once when it is loaded.
#[derive(Debug, Clone)]
pub(crate) struct TrueType {
    cmap: Vec<u8>,
    charmap: Charmap,
    advances: Vec<u16>,
    pub units_per_em: u16,
    pub bbox: (i16, i16, i16, i16),
    pub ascender: i16,
    pub descender: i16,
    pub cap_height: i16,
    pub postscript_name: Option<String>,
}

impl TrueType {
    /// Reads the font; `None` when it is not a TrueType-outline font with a Unicode map.
    pub fn read(data: &[u8]) -> Option<TrueType> {
        // Only TrueType outlines (`glyf`) can be embedded as a PDF FontFile2.
        table(data, b"glyf")?;
        let head = table(data, b"head")?;
        let hhea = table(data, b"hhea")?;
        let hmtx = table(data, b"hmtx")?;
        let cmap = table(data, b"cmap")?;
        let metrics_count = usize::from(u16_at(hhea, 34)?);
        let advances = (0..metrics_count).map(|i| u16_at(hmtx, 4 * i)).collect::<Option<Vec<_>>>()?;
        let ascender = i16_at(hhea, 4)?;
        let cap_height = table(data, b"OS/2")
            .filter(|os2| u16_at(os2, 0).is_some_and(|version| version >= 2))
            .and_then(|os2| i16_at(os2, 88))
            .unwrap_or(ascender);
        Some(TrueType {
            charmap: charmap(cmap)?,
            cmap: cmap.to_vec(),
            advances,
            units_per_em: u16_at(head, 18)?.max(1),
            bbox: (i16_at(head, 36)?, i16_at(head, 38)?, i16_at(head, 40)?, i16_at(head, 42)?),
            ascender,
            descender: i16_at(hhea, 6)?,
            cap_height,
            postscript_name: table(data, b"name").and_then(postscript_name),
        })
    }

    /// The glyph for `c`, or 0 (the font's "missing" glyph).
    pub fn glyph(&self, c: char) -> u16 {
        let c = u32::from(c);
        let found = match self.charmap {
            Charmap::Segmented(at) => segmented(&self.cmap[at..], c),
            Charmap::SegmentDeltas(at) => u16::try_from(c).ok().and_then(|c| segment_deltas(&self.cmap[at..], c)),
        };
        found.unwrap_or(0)
    }

    /// A glyph's advance in font units (glyphs past the metrics table share its last advance).
    pub fn advance(&self, glyph: u16) -> u16 {
        self.advances.get(usize::from(glyph)).or(self.advances.last()).copied().unwrap_or(0)
    }
}

/// The best Unicode subtable: format 12 (Windows, full Unicode) over format 4 (Windows BMP, or
/// the Unicode platform).
fn charmap(cmap: &[u8]) -> Option<Charmap> {
    let count = usize::from(u16_at(cmap, 2)?);
    let mut best = None;
    for i in 0..count {
        let record = 4 + 8 * i;
        let (platform, encoding) = (u16_at(cmap, record)?, u16_at(cmap, record + 2)?);
        let at = u32_at(cmap, record + 4)? as usize;
        match (platform, encoding, u16_at(cmap, at)?) {
            (3, 10, 12) | (0, 4, 12) => return Some(Charmap::Segmented(at)),
            (3, 1, 4) | (0, _, 4) => best = Some(Charmap::SegmentDeltas(at)),
            _ => {}
        }
    }
    best
}

fn segmented(sub: &[u8], c: u32) -> Option<u16> {
    let groups = u32_at(sub, 12)? as usize;
    (0..groups).find_map(|i| {
        let g = 16 + 12 * i;
        let (start, end, glyph) = (u32_at(sub, g)?, u32_at(sub, g + 4)?, u32_at(sub, g + 8)?);
        (start..=end).contains(&c).then(|| u16::try_from(glyph + (c - start)).ok()).flatten()
    })
}

fn segment_deltas(sub: &[u8], c: u16) -> Option<u16> {
    let segments = usize::from(u16_at(sub, 6)? / 2);
    let ends = 14;
    let starts = ends + 2 * segments + 2;
    let deltas = starts + 2 * segments;
    let range_offsets = deltas + 2 * segments;
    let i = (0..segments).find(|&i| u16_at(sub, ends + 2 * i).is_some_and(|end| end >= c))?;
    let start = u16_at(sub, starts + 2 * i)?;
    if c < start {
        return None;
    }
    let delta = u16_at(sub, deltas + 2 * i)?;
    let range_offset = u16_at(sub, range_offsets + 2 * i)?;
    if range_offset == 0 {
        return Some(c.wrapping_add(delta));
    }
    // The offset counts from its own place in the table to the glyph id array entry.
    let at = range_offsets + 2 * i + usize::from(range_offset) + 2 * usize::from(c - start);
    let glyph = u16_at(sub, at)?;
    Some(if glyph == 0 { 0 } else { glyph.wrapping_add(delta) })
}

/// The PostScript name (name id 6) from the Windows Unicode record, if it is one a PDF can use.
fn postscript_name(name: &[u8]) -> Option<String> {
    let count = usize::from(u16_at(name, 2)?);
    let strings = usize::from(u16_at(name, 4)?);
    (0..count).find_map(|i| {
        let r = 6 + 12 * i;
        if (u16_at(name, r)?, u16_at(name, r + 2)?, u16_at(name, r + 6)?) != (3, 1, 6) {
            return None;
        }
        let (length, offset) = (usize::from(u16_at(name, r + 8)?), usize::from(u16_at(name, r + 10)?));
        let bytes = name.get(strings + offset..strings + offset + length)?;
        let units: Vec<u16> = bytes.chunks_exact(2).map(|b| u16::from_be_bytes([b[0], b[1]])).collect();
        String::from_utf16(&units).ok().filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic() && b != b'/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dejavu() -> TrueType {
        let fonts = crate::documents::Fonts::from_system().expect("DejaVu Sans (fonts-dejavu-core) is installed");
        TrueType::read(&fonts.regular.data).expect("DejaVu Sans reads")
    }

    #[test]
    fn every_letter_the_documents_print_has_a_glyph() {
        let font = dejavu();
        for c in "АаӘәҒғҚқҢңӨөҰұҮүҺһІі Ёё ₸ №«» Aa 0-9".chars() {
            assert_ne!(font.glyph(c), 0, "{c:?} has no glyph");
        }
        assert_eq!(font.glyph('\u{10FFFD}'), 0, "a character the font lacks is the missing glyph");
        assert_eq!(font.postscript_name.as_deref(), Some("DejaVuSans"));
        assert_eq!(font.units_per_em, 2048);
    }

    #[test]
    fn advances_are_the_fonts_and_a_space_is_narrower_than_an_m() {
        let font = dejavu();
        let (space, m) = (font.advance(font.glyph(' ')), font.advance(font.glyph('M')));
        assert!(space > 0 && space < m, "space {space}, M {m}");
        assert_eq!(font.advance(u16::MAX), font.advance(u16::MAX - 1), "past the table: the last advance");
    }

    #[test]
    fn a_file_that_is_not_a_font_is_refused() {
        assert!(TrueType::read(b"not a font at all").is_none());
        assert!(TrueType::read(&[]).is_none());
    }
}
