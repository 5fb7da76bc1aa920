//! The sizes the contract allows, the same on both sides: every string and list of a mutation
//! has a maximum, and a feed page is bounded in bytes as well as in changes. Without them one
//! 1 MiB note, re-sent in every snapshot of its order, grows the portal's feed by megabytes a
//! change.

/// An id: of an order, offering, delivery, fitting, session, return, replacement.
pub const MAX_ID_CHARS: usize = 100;
/// A short text: a place, a technician's or assignee's name, a serial number, a classifier
/// code, a region, a measurement's name, value or unit.
pub const MAX_NAME_CHARS: usize = 200;
/// A free text: notes, adjustments, a description, a reason.
pub const MAX_TEXT_CHARS: usize = 4000;
/// A list: serial numbers, measurements, regions, photos.
pub const MAX_LIST_ITEMS: usize = 100;
/// The most bytes of snapshots one feed page carries: the portal serves fewer changes to stay
/// under it (never fewer than one), and a desk refuses a larger answer whole.
pub const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;
/// The largest JSON answer a desk reads from the portal: a full page with its envelope.
pub const MAX_ANSWER_BYTES: usize = MAX_PAGE_BYTES + 64 * 1024;

/// The name of the member of staff an order is assigned to.
pub const MAX_ASSIGNEE_CHARS: usize = 80;

/// The name of a representative who received the items of a delivery in the participant's
/// place, as the act of delivery prints it.
pub const MAX_RECEIVER_CHARS: usize = 200;

/// An offering's model ("Phonak Naída P50") or its manufacturer ("Sonova AG"): what tells two
/// offerings of one classifier item apart. Longer than any real one, short enough for a line of
/// a list or a label.
pub const MAX_MODEL_CHARS: usize = 120;

/// An offering's model or manufacturer as both sides keep it: trimmed, `None` when blank. Its
/// length is checked against [`MAX_MODEL_CHARS`] after trimming.
pub fn model_text(value: &str) -> Option<&str> {
    let value = value.trim();
    (!value.is_empty()).then_some(value)
}

/// The first and last year of a date the contract takes. A date outside them (year 0, −1,
/// 10000, which chrono reads and writes) is not a date of this domain: no document can print
/// it, and it sorts wrongly.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 9999;

pub fn year_in_range(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}
