//! An order's label, 100 × 60 mm: the order number large, a QR code that encodes exactly the
//! order number (a workshop's scanner types it into the search field), and the participant's
//! initials and region — nothing more personal, since a label sits on a shelf.

use qrcode::{Color, EcLevel, QrCode};

use super::DocumentError;
use super::facts::Facts;
use super::font::Fonts;
use super::layout::{Flow, Op, Weight};
use super::text::{Lang, initials, region_name};

const MM: f32 = 72.0 / 25.4;
/// The label's size: a common thermal-label format.
const SIZE: (f32, f32) = (100.0 * MM, 60.0 * MM);
const MARGIN: f32 = 4.0 * MM;
/// The QR code's side, quiet zone included.
const QR_SIDE: f32 = SIZE.1 - 2.0 * MARGIN;
/// The light border a scanner needs around the code, in modules (the standard asks for four).
const QUIET_MODULES: usize = 4;

/// The QR code's dark modules as squares, in points from the label's top-left corner.
pub(crate) fn qr_squares(data: &str, x: f32, y: f32, side: f32) -> Result<Vec<(f32, f32, f32, f32)>, DocumentError> {
    // Level M survives a scuffed label and keeps modules large enough for a cheap scanner.
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).map_err(|e| {
        DocumentError::Invalid { field: "order", message: format!("the order number cannot be a QR code: {e}") }
    })?;
    let width = code.width();
    let module = side / (width + 2 * QUIET_MODULES) as f32;
    let origin = (x + module * QUIET_MODULES as f32, y + module * QUIET_MODULES as f32);
    let colors = code.to_colors();
    let mut squares = Vec::new();
    for (row, cells) in colors.chunks(width).enumerate() {
        // Runs of dark modules become one rectangle: fewer path segments, no hairline seams.
        let mut col = 0;
        while col < width {
            if cells[col] == Color::Dark {
                let start = col;
                while col < width && cells[col] == Color::Dark {
                    col += 1;
                }
                squares.push((
                    origin.0 + start as f32 * module,
                    origin.1 + row as f32 * module,
                    (col - start) as f32 * module,
                    module,
                ));
            } else {
                col += 1;
            }
        }
    }
    Ok(squares)
}

pub(crate) fn render(facts: &Facts, lang: Lang, fonts: &Fonts) -> Result<Vec<u8>, DocumentError> {
    let t = lang.texts();
    let order = &facts.order;
    let mut flow = Flow::new(fonts, SIZE, MARGIN);
    flow.push(Op::Rects(qr_squares(&order.number, MARGIN, MARGIN, QR_SIDE)?));

    let x = MARGIN + QR_SIDE + 2.0 * MM;
    let width = SIZE.0 - MARGIN - x;
    // The number as large as fits the column, so it can be read from across the workshop.
    let number_size = (width / flow.face(Weight::Bold).width(&order.number, 1.0)).clamp(8.0, 26.0);

    flow.advance(14.0);
    flow.text(x, t.label_order, 10.0, Weight::Regular);
    flow.advance(number_size + 4.0);
    flow.text(x, &order.number, number_size, Weight::Bold);
    flow.advance(26.0);
    flow.text(x, &initials(&order.participant.full_name), 14.0, Weight::Regular);
    flow.advance(18.0);
    for line in flow.wrap(&region_name(&order.participant.region, lang), width, 10.0, Weight::Regular) {
        flow.text(x, &line, 10.0, Weight::Regular);
        flow.advance(13.0);
    }
    let placed = order.placed_at.with_timezone(&super::kazakhstan_time()).date_naive();
    flow.text(x, &format!("{}: {}", t.label_placed, lang.date(placed)), 9.0, Weight::Regular);
    super::layout::write_pdf(
        flow.into_pages(),
        SIZE,
        fonts,
        &format!("{} {}", t.label_order, order.number),
        lang.code(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_keeps_a_quiet_zone_and_square_modules() {
        let squares = qr_squares("SO-2026-000123", 0.0, 0.0, 100.0).expect("code");
        let module = squares.iter().map(|s| s.3).fold(f32::MAX, f32::min);
        assert!(squares.iter().all(|s| (s.3 - module).abs() < 1e-3), "every run is one module tall");
        let min_x = squares.iter().map(|s| s.0).fold(f32::MAX, f32::min);
        let max_x = squares.iter().map(|s| s.0 + s.2).fold(0.0, f32::max);
        assert!((min_x - 4.0 * module).abs() < 1e-3 && (100.0 - max_x - 4.0 * module).abs() < 1e-3);
    }
}
