//! The acts of delivery and of fitting: an A4 document with the order, the supplier and the
//! participant, the items with their prices, the serial numbers (per item when the delivery
//! names them so), what happened, who received the items, and places for both signatures.

use portal_api::ReceivedBy;

use super::facts::Facts;
use super::font::Fonts;
use super::layout::{A4, Flow, Op, Weight};
use super::text::{Lang, Texts, region_name};
use super::{DocumentError, DocumentKind};

const BODY: f32 = 10.0;
const LEADING: f32 = 14.0;
const MARGIN: f32 = 50.0;

/// Renders the act `kind` (delivery or fitting) as PDF bytes.
pub(crate) fn render(facts: &Facts, kind: DocumentKind, lang: Lang, fonts: &Fonts) -> Result<Vec<u8>, DocumentError> {
    let t = lang.texts();
    // The act's own date (handover or fitting) is stated with its facts further down.
    let title = match (kind, &facts.delivery, &facts.fitting) {
        (DocumentKind::DeliveryAct, Some(_), _) => t.delivery_act,
        (DocumentKind::FittingAct, _, Some(_)) => t.fitting_act,
        _ => return Err(DocumentError::Layout("an act without its facts")),
    };
    let mut flow = Flow::new(fonts, A4, MARGIN);
    let (left, right) = (flow.left(), flow.right());

    flow.advance(8.0);
    flow.text(left, title, 16.0, Weight::Bold);
    flow.advance(20.0);
    // The order as the portal numbered and dated it.
    let placed = facts.order.placed_at.with_timezone(&super::kazakhstan_time()).date_naive();
    let heading = format!("{} {} {} {}", t.order_no, facts.order.number, t.dated, lang.date(placed));
    flow.text(left, &heading, 12.0, Weight::Regular);
    flow.rule(left, right, 8.0, 0.8);
    flow.advance(28.0);

    let supplier = facts.supplier.as_ref();
    section(&mut flow, t.supplier);
    field(&mut flow, t.supplier_name, supplier.map_or(BLANK, |s| s.name.as_str()));
    field(&mut flow, t.bin, supplier.map_or(BLANK, |s| s.bin.as_str()));
    flow.advance(6.0);

    let p = &facts.order.participant;
    section(&mut flow, t.participant);
    field(&mut flow, t.full_name, &p.full_name);
    field(&mut flow, t.region, &region_name(&p.region, lang));
    field(&mut flow, t.address, &p.address);
    flow.advance(6.0);

    items(&mut flow, facts, t);
    flow.advance(6.0);

    // A delivery that names its serials per line prints them under each item instead of in
    // one list.
    let (serials, statement) = match (&facts.delivery, &facts.fitting) {
        (Some(d), _) => {
            field(&mut flow, t.delivered_on, &lang.date(d.delivered_on));
            field(&mut flow, t.delivery_place, &d.place);
            if let Some(who) = &d.received_by {
                let who = match who {
                    ReceivedBy::Participant => t.received_by_participant.to_owned(),
                    ReceivedBy::Representative { name } => format!("{} {name}", t.received_by_representative),
                };
                field(&mut flow, t.received_by, &who);
            }
            if !d.notes.trim().is_empty() {
                field(&mut flow, t.notes, &d.notes);
            }
            (d.items.is_empty().then_some(&d.serial_numbers), t.delivery_statement)
        }
        (None, Some(f)) => {
            field(&mut flow, t.fitted_on, &lang.date(f.fitted_on));
            field(&mut flow, t.technician, &f.technician);
            field(&mut flow, t.adjustments, if f.adjustments.trim().is_empty() { t.none } else { &f.adjustments });
            field(&mut flow, t.warranty_start, &lang.date(f.warranty_start));
            (Some(&f.serial_numbers), t.fitting_statement)
        }
        (None, None) => return Err(DocumentError::Layout("an act without its facts")),
    };
    if let Some(serials) = serials {
        let serials = if serials.is_empty() { t.none.to_owned() } else { serials.join(", ") };
        field(&mut flow, t.serial_numbers, &serials);
    }
    flow.advance(10.0);
    flow.paragraph(left, right - left, statement, BODY, LEADING);
    flow.advance(24.0);

    signatures(&mut flow, t);
    super::layout::write_pdf(flow.into_pages(), A4, fonts, &format!("{title} — {}", facts.order.number), lang.code())
}

/// What an act shows where the desk does not know a value yet (the supplier before its first
/// sign-in): a line to fill in by hand.
const BLANK: &str = "____________________";

fn section(flow: &mut Flow<'_>, title: &str) {
    flow.keep(LEADING * 3.0);
    let left = flow.left();
    flow.text(left, title, 11.0, Weight::Bold);
    flow.advance(LEADING + 2.0);
}

/// `Label: value`, the value wrapped in a column after the label.
fn field(flow: &mut Flow<'_>, label: &str, value: &str) {
    let left = flow.left();
    let value_x = left + 130.0;
    let width = flow.right() - value_x;
    let lines = flow.wrap(value, width, BODY, Weight::Regular);
    flow.keep(LEADING * lines.len() as f32);
    flow.text(left, &format!("{label}:"), BODY, Weight::Regular);
    for line in lines {
        flow.keep(LEADING);
        flow.text(value_x, &line, BODY, Weight::Regular);
        flow.advance(LEADING);
    }
}

/// The items table: number, classifier code, name (wrapped), quantity, unit price, total.
fn items(flow: &mut Flow<'_>, facts: &Facts, t: &Texts) {
    let left = flow.left();
    let right = flow.right();
    let (x_code, x_name) = (left + 22.0, left + 112.0);
    let (r_qty, r_price, r_total) = (right - 180.0, right - 90.0, right);
    let name_width = r_qty - 40.0 - x_name;

    section(flow, t.items);
    // A header cell wraps within its column rather than run into the next one.
    let code_head = flow.wrap(t.col_code, x_name - x_code - 6.0, 9.0, Weight::Bold);
    let header = |flow: &mut Flow<'_>| {
        flow.text(left, t.col_no, 9.0, Weight::Bold);
        flow.text(x_name, t.col_name, 9.0, Weight::Bold);
        flow.text_right(r_qty, t.col_qty, 9.0, Weight::Bold);
        flow.text_right(r_price, t.col_price, 9.0, Weight::Bold);
        flow.text_right(r_total, t.col_total, 9.0, Weight::Bold);
        for (i, line) in code_head.iter().enumerate() {
            if i > 0 {
                flow.advance(11.0);
            }
            flow.text(x_code, line, 9.0, Weight::Bold);
        }
        flow.rule(left, right, 5.0, 0.5);
        flow.advance(LEADING + 4.0);
    };
    flow.keep(LEADING * 3.0);
    header(flow);
    for (i, item) in facts.items.iter().enumerate() {
        let names = flow.wrap(&item.name, name_width, BODY, Weight::Regular);
        flow.keep(LEADING * names.len() as f32);
        flow.text(left, &(i + 1).to_string(), BODY, Weight::Regular);
        flow.text(x_code, &item.code, BODY, Weight::Regular);
        flow.text_right(r_qty, &item.quantity.to_string(), BODY, Weight::Regular);
        flow.text_right(r_price, &item.unit_price.to_string(), BODY, Weight::Regular);
        flow.text_right(r_total, &item.total.to_string(), BODY, Weight::Regular);
        for name in names {
            flow.text(x_name, &name, BODY, Weight::Regular);
            flow.advance(LEADING);
        }
        // The line's serial numbers, when the delivery names them per line: the n-th item of a
        // code belongs to the n-th line of that code.
        let nth = facts.items[..i].iter().filter(|other| other.code == item.code).count();
        let serials = facts
            .delivery
            .iter()
            .flat_map(|d| &d.items)
            .filter(|delivered| delivered.classifier_code == item.code)
            .nth(nth)
            .filter(|delivered| !delivered.serial_numbers.is_empty());
        if let Some(delivered) = serials {
            let text = format!("{}: {}", t.serial_numbers, delivered.serial_numbers.join(", "));
            for line in flow.wrap(&text, name_width, 9.0, Weight::Regular) {
                flow.keep(LEADING);
                flow.text(x_name, &line, 9.0, Weight::Regular);
                flow.advance(LEADING - 2.0);
            }
            flow.advance(2.0);
        }
    }
    flow.rule(left, right, -LEADING + 4.0, 0.5);
    flow.advance(4.0);
    flow.keep(LEADING);
    flow.text_right(r_qty, &format!("{}:", t.grand_total), BODY, Weight::Bold);
    flow.text_right(r_total, &facts.total.to_string(), BODY, Weight::Bold);
    flow.advance(LEADING);
}

/// Two columns: the supplier's representative (with the seal's place) and the participant, each
/// with a line for the signature and one for the name, and the date.
fn signatures(flow: &mut Flow<'_>, t: &Texts) {
    flow.keep(130.0);
    let left = flow.left();
    let right = flow.right();
    let column = (right - left) / 2.0;
    let columns = [(left, t.signed_supplier), (left + column + 10.0, t.signed_participant)];
    let top = flow.y();
    let mut bottom = top;
    for (x, who) in columns {
        for line in flow.wrap(who, column - 20.0, BODY, Weight::Bold) {
            flow.text(x, &line, BODY, Weight::Bold);
            flow.advance(LEADING);
        }
        bottom = bottom.max(flow.y());
        flow.advance(top - flow.y()); // back to the top for the next column
    }
    flow.advance(bottom - top + 22.0);
    let line_end = column - 20.0;
    for (x, _) in columns {
        flow.push_signature_line(x, x + line_end * 0.45);
        flow.push_signature_line(x + line_end * 0.5, x + line_end);
    }
    flow.advance(11.0);
    for (x, _) in columns {
        flow.text(x, &format!("({})", t.signature), 8.0, Weight::Regular);
        flow.text(x + line_end * 0.5, &format!("({})", t.name_hint), 8.0, Weight::Regular);
    }
    flow.advance(26.0);
    for (x, _) in columns {
        flow.text(x, &format!("{}: ____________", t.date), BODY, Weight::Regular);
    }
    flow.advance(22.0);
    flow.text(left, t.stamp, BODY, Weight::Regular);
}

impl Flow<'_> {
    /// A thin line to sign on, just below the current baseline.
    fn push_signature_line(&mut self, x1: f32, x2: f32) {
        let y = self.y();
        self.push(Op::Line { from: (x1, y), to: (x2, y), width: 0.6 });
    }
}
