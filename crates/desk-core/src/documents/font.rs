//! The documents' typeface, loaded from the system at run time: embedding one in the binary
//! would cost more than the release size budget allows. DejaVu Sans covers Cyrillic and every
//! Kazakh letter (ә ғ қ ң ө ұ ү һ і) and the tenge sign.

use std::path::{Path, PathBuf};

use super::truetype::TrueType;

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

/// A face's bytes and what the documents read of them. The PDF embeds the file as it is
/// (compressed): one face of DejaVu Sans compresses to about 400 KB, which a document can
/// afford, and leaves out a font subsetter the binary cannot.
#[derive(Clone)]
pub(crate) struct Face {
    pub data: std::sync::Arc<Vec<u8>>,
    font: std::sync::Arc<TrueType>,
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
        let font = TrueType::read(&bytes).ok_or_else(|| FontError::Unusable { path: path.to_path_buf() })?;
        Ok(Face { data: std::sync::Arc::new(bytes), font: std::sync::Arc::new(font) })
    }

    /// `text` as glyph ids, one per character, with the character each stands for. Cyrillic,
    /// Kazakh and Latin letters need no shaping (no ligatures, no reordering). A character the
    /// font lacks becomes glyph 0, the font's "missing" box, never an error.
    pub fn glyphs(&self, text: &str) -> Vec<(u16, char)> {
        text.chars().map(|c| (self.font.glyph(c), c)).collect()
    }

    /// A glyph's advance in thousandths of an em, as PDF font widths are given.
    pub fn advance(&self, glyph: u16) -> f32 {
        f32::from(self.font.advance(glyph)) * 1000.0 / f32::from(self.font.units_per_em)
    }

    /// The width of `text` at `size` points, as the PDF places it.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.glyphs(text).iter().map(|&(g, _)| self.advance(g)).sum::<f32>() * size / 1000.0
    }

    pub fn metrics(&self) -> FaceMetrics {
        let f = &self.font;
        let (x0, y0, x1, y1) = f.bbox;
        FaceMetrics {
            units_per_em: f32::from(f.units_per_em),
            ascender: f32::from(f.ascender),
            descender: f32::from(f.descender),
            cap_height: f32::from(f.cap_height),
            bbox: (f32::from(x0), f32::from(y0), f32::from(x1), f32::from(y1)),
            postscript_name: f.postscript_name.clone().unwrap_or_else(|| "DocumentFont".to_owned()),
        }
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
