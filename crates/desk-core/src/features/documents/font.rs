//! The documents' typeface, loaded from the system at run time: embedding one in the binary
//! would cost more than the release size budget allows. DejaVu Sans covers Cyrillic and every
//! Kazakh letter (ә ғ қ ң ө ұ ү һ і) and the tenge sign.

use std::path::{Path, PathBuf};

/// The face's file name.
const REGULAR: &str = "DejaVuSans.ttf";

/// Where Linux distributions, macOS and Windows put fonts; a per-user directory first.
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    if let Some(windir) = std::env::var_os("WINDIR").map(PathBuf::from) {
        dirs.push(windir.join("Fonts"));
    }
    for d in [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/TTF",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/dejavu-sans-fonts",
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/Library/Fonts",
    ] {
        dirs.push(PathBuf::from(d));
    }
    dirs
}

#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error(
        "no document font found: {REGULAR} is not in any of the usual font directories \
         (on Debian or Ubuntu, install the package fonts-dejavu-core)"
    )]
    NotFound,
    #[error("cannot read the font {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} is not a TrueType font that can be embedded")]
    Unusable { path: PathBuf },
}

/// A face's bytes, checked to parse. The PDF embeds the file as it is (compressed): one face
/// of DejaVu Sans compresses to about 400 KB, which a document can afford, and leaves out a
/// font subsetter the binary cannot.
#[derive(Clone)]
pub(crate) struct Face {
    pub data: std::sync::Arc<Vec<u8>>,
}

/// What the PDF's font descriptor states, in the font's units.
pub(crate) struct FaceMetrics {
    pub units_per_em: f32,
    pub ascender: f32,
    pub descender: f32,
    pub cap_height: f32,
    pub bbox: (f32, f32, f32, f32),
    pub postscript_name: String,
}

impl Face {
    fn load(path: &Path) -> Result<Face, FontError> {
        let bytes = std::fs::read(path).map_err(|source| FontError::Read { path: path.to_path_buf(), source })?;
        match ttf_parser::Face::parse(&bytes, 0) {
            // Only TrueType outlines (`glyf`) can be embedded as FontFile2.
            Ok(face) if face.tables().glyf.is_some() => {}
            _ => return Err(FontError::Unusable { path: path.to_path_buf() }),
        }
        Ok(Face { data: std::sync::Arc::new(bytes) })
    }

    fn parsed(&self) -> Option<ttf_parser::Face<'_>> {
        ttf_parser::Face::parse(&self.data, 0).ok()
    }

    /// `text` as glyph ids, one per character, with the character each stands for. Cyrillic,
    /// Kazakh and Latin letters need no shaping (no ligatures, no reordering). A character the
    /// font lacks becomes glyph 0, the font's "missing" box, never an error.
    pub fn glyphs(&self, text: &str) -> Vec<(u16, char)> {
        let Some(face) = self.parsed() else { return Vec::new() };
        text.chars().map(|c| (face.glyph_index(c).map_or(0, |g| g.0), c)).collect()
    }

    /// A glyph's advance in thousandths of an em, as PDF font widths are given.
    pub fn advance(&self, glyph: u16) -> f32 {
        let Some(face) = self.parsed() else { return 0.0 };
        let advance = face.glyph_hor_advance(ttf_parser::GlyphId(glyph)).unwrap_or(0);
        f32::from(advance) * 1000.0 / f32::from(face.units_per_em().max(1))
    }

    /// The width of `text` at `size` points, as the PDF places it.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.glyphs(text).iter().map(|&(g, _)| self.advance(g)).sum::<f32>() * size / 1000.0
    }

    pub fn metrics(&self) -> Option<FaceMetrics> {
        let face = self.parsed()?;
        let bbox = face.global_bounding_box();
        let postscript_name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            // The Mac-platform record does not decode; the Windows (Unicode) one does.
            .filter_map(|n| n.to_string())
            .find(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_graphic() && b != b'/'))
            .unwrap_or_else(|| "DocumentFont".to_owned());
        Some(FaceMetrics {
            units_per_em: f32::from(face.units_per_em().max(1)),
            ascender: f32::from(face.ascender()),
            descender: f32::from(face.descender()),
            cap_height: f32::from(face.capital_height().unwrap_or(face.ascender())),
            bbox: (f32::from(bbox.x_min), f32::from(bbox.y_min), f32::from(bbox.x_max), f32::from(bbox.y_max)),
            postscript_name,
        })
    }
}

/// The face a document is set in. Bold is drawn from the same face (filled and outlined), so a
/// document embeds one font file, not two.
#[derive(Clone)]
pub struct Fonts {
    pub(crate) regular: Face,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts").finish_non_exhaustive()
    }
}

impl Fonts {
    /// Finds DejaVu Sans in the usual font directories.
    pub fn from_system() -> Result<Fonts, FontError> {
        Fonts::from_dirs(&font_dirs())
    }

    /// Finds the face in the given directories, searched in order.
    pub fn from_dirs(dirs: &[PathBuf]) -> Result<Fonts, FontError> {
        let path = dirs.iter().map(|d| d.join(REGULAR)).find(|p| p.is_file()).ok_or(FontError::NotFound)?;
        Ok(Fonts { regular: Face::load(&path)? })
    }
}
