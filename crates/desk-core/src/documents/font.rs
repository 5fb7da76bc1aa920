//! The documents' typeface, loaded from the system at run time: embedding one in the binary
//! would cost more than the release size budget allows. DejaVu Sans covers Cyrillic and every
//! Kazakh letter (ә ғ қ ң ө ұ ү һ і) and the tenge sign.

use std::path::{Path, PathBuf};

use krilla::text::{GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The regular and bold faces' file names, in order of preference.
const REGULAR: &str = "DejaVuSans.ttf";
const BOLD: &str = "DejaVuSans-Bold.ttf";

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

/// A face's bytes, checked to parse, and the face handle the PDF writer embeds.
#[derive(Clone)]
pub(crate) struct Face {
    data: std::sync::Arc<Vec<u8>>,
    pub pdf: krilla::text::Font,
}

impl Face {
    fn load(path: &Path) -> Result<Face, FontError> {
        let bytes = std::fs::read(path).map_err(|source| FontError::Read { path: path.to_path_buf(), source })?;
        let unusable = || FontError::Unusable { path: path.to_path_buf() };
        FontRef::new(&bytes).map_err(|_| unusable())?;
        let data = std::sync::Arc::new(bytes);
        let pdf = krilla::text::Font::new(krilla::Data::from(data.clone()), 0).ok_or_else(unusable)?;
        Ok(Face { data, pdf })
    }

    /// `text` as glyphs, one per character, each with its advance (in ems) and the bytes of
    /// `text` it stands for, which the PDF's ToUnicode map records so the text extracts.
    /// Cyrillic, Kazakh and Latin letters need no shaping: no ligatures, no reordering. A
    /// character the font lacks becomes glyph 0 (the font's "missing" box), never an error.
    pub fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        let Ok(font) = FontRef::new(&self.data) else { return Vec::new() };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let per_em = f32::from(font.metrics(Size::unscaled(), LocationRef::default()).units_per_em.max(1));
        text.char_indices()
            .map(|(at, c)| {
                let id = charmap.map(c).unwrap_or_default();
                let advance = metrics.advance_width(id).unwrap_or(0.0) / per_em;
                KrillaGlyph::new(GlyphId::new(id.to_u32()), advance, 0.0, 0.0, 0.0, at..at + c.len_utf8(), None)
            })
            .collect()
    }

    /// The width of `text` at `size` points, as [`Face::glyphs`] places it.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.glyphs(text).iter().map(|g| g.x_advance).sum::<f32>() * size
    }
}

/// The faces a document is set in.
#[derive(Clone)]
pub struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts").finish_non_exhaustive()
    }
}

impl Fonts {
    /// Finds DejaVu Sans in the usual font directories (the bold face is optional: titles fall
    /// back to the regular one).
    pub fn from_system() -> Result<Fonts, FontError> {
        Fonts::from_dirs(&font_dirs())
    }

    /// Finds the faces in the given directories, searched in order.
    pub fn from_dirs(dirs: &[PathBuf]) -> Result<Fonts, FontError> {
        let find = |name: &str| dirs.iter().map(|d| d.join(name)).find(|p| p.is_file());
        let regular = Face::load(&find(REGULAR).ok_or(FontError::NotFound)?)?;
        let bold = match find(BOLD) {
            Some(path) => Face::load(&path)?,
            None => regular.clone(),
        };
        Ok(Fonts { regular, bold })
    }
}
