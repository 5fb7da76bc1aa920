//! The documents' typeface, loaded from the system at run time: embedding one in the binary
//! would cost more than the release size budget allows. DejaVu Sans covers Cyrillic and every
//! Kazakh letter (ә ғ қ ң ө ұ ү һ і) and the tenge sign.

use std::path::{Path, PathBuf};

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
    pub data: std::sync::Arc<Vec<u8>>,
    pub pdf: krilla::text::Font,
}

impl Face {
    fn load(path: &Path) -> Result<Face, FontError> {
        let bytes = std::fs::read(path).map_err(|source| FontError::Read { path: path.to_path_buf(), source })?;
        let unusable = || FontError::Unusable { path: path.to_path_buf() };
        ttf_parser::Face::parse(&bytes, 0).map_err(|_| unusable())?;
        let data = std::sync::Arc::new(bytes);
        let pdf = krilla::text::Font::new(krilla::Data::from(data.clone()), 0).ok_or_else(unusable)?;
        Ok(Face { data, pdf })
    }

    /// The width of `text` at `size` points, from the glyphs' advances (no kerning: DejaVu's
    /// is slight, and widths only place right-aligned figures and wrap lines).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(face) = ttf_parser::Face::parse(&self.data, 0) else { return 0.0 };
        let units: f32 = text
            .chars()
            .map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).unwrap_or(0) as f32)
            .sum();
        units * size / face.units_per_em() as f32
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
