//! How the inbox's search compares what people type with what the desk holds. It forgives
//! what a keyboard does to Kazakh and Russian names: case, ё typed as е, and the Kazakh letters
//! typed with their Russian-layout look-alikes (Мараткызы for Маратқызы). An order number is
//! also found by its digits without the leading zeros ("230" for SO-2026-000230), and a phone
//! number by its digits however they are grouped.
//!
//! The folding runs inside SQLite as the functions [`register`] adds, so that the search index
//! (written by sync and by the migration that built it) and the query fold the same way.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

/// Each letter and the one it is searched as. Exported to the UI (`SEARCH_FOLDS` in the
/// bindings), which filters the offerings it holds by the same rule.
pub const SEARCH_FOLDS: &[(char, char)] = &[
    ('ё', 'е'),
    ('ә', 'а'),
    ('ғ', 'г'),
    ('қ', 'к'),
    ('ң', 'н'),
    ('ө', 'о'),
    ('ұ', 'у'),
    ('ү', 'у'),
    ('һ', 'х'),
    ('і', 'и'),
];

/// `text` lower-cased, each letter folded as [`SEARCH_FOLDS`] says.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| SEARCH_FOLDS.iter().find(|(from, _)| *from == c).map_or(c, |(_, to)| *to))
        .collect()
}

/// What an order number is indexed as: itself, and the digits of its last part without the
/// leading zeros (SO-2026-000230 → "SO-2026-000230 230").
pub fn number_terms(number: &str) -> String {
    let tail = number.rsplit(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
    let short = tail.trim_start_matches('0');
    if short.is_empty() || short == tail { fold(number) } else { format!("{} {short}", fold(number)) }
}

/// What a participant's phone and address are indexed as: the address folded, and the phone's
/// digits whole, without the country code and with the trunk prefix 8 (77012345678,
/// 7012345678, 87012345678). Not its groups: a one- or two-digit group would match most
/// prefixes typed and slow every search; a phone typed in groups is joined by [`phone_query`].
pub fn contact_terms(phone: &str, address: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let mut out = fold(address);
    if !digits.is_empty() {
        out.push(' ');
        out.push_str(&digits);
        if digits.len() == 11 && (digits.starts_with('7') || digits.starts_with('8')) {
            out.push_str(&format!(" {} 8{}", &digits[1..], &digits[1..]));
        }
    }
    out
}

/// A search typed as a phone number (+7 (705) 123-45, 8 705 123…): only digits, spaces and
/// `+()-`, with at least six digits. It is searched as its digits joined, which prefix the
/// indexed forms.
pub fn phone_query(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let phone_like = text.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || "+()-".contains(c));
    (phone_like && digits.len() >= 6).then_some(digits)
}

/// The rowids of the orders a search matched, sorted, under the key of the search and the state
/// of the data it was taken in. A search whose prefix matches most orders ("S", "SO-2026") is
/// evaluated once and tested order by order through `search_hit(rowid)`, rather than once for the
/// page and again for its count, each time as a set SQLite builds of every matching rowid.
#[derive(Debug, Default)]
pub(crate) struct SearchHits {
    pub key: String,
    pub rowids: Vec<i64>,
}

pub(crate) type SharedHits = std::sync::Arc<std::sync::RwLock<SearchHits>>;

/// Adds `search_fold(text)`, `search_number(number)` and `search_contact(phone, address)` to
/// the connection, for the index's writes and the queries, and `search_hit(rowid)`: whether
/// the order is among `hits`.
pub(crate) fn register(conn: &Connection, hits: &SharedHits) -> rusqlite::Result<()> {
    let hits = hits.clone();
    // Not deterministic: the set changes with each search.
    conn.create_scalar_function("search_hit", 1, FunctionFlags::SQLITE_UTF8, move |ctx| {
        let rowid = ctx.get::<i64>(0)?;
        Ok(hits.read().is_ok_and(|h| h.rowids.binary_search(&rowid).is_ok()))
    })?;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("search_fold", 1, flags, |ctx| Ok(fold(&ctx.get::<String>(0)?)))?;
    conn.create_scalar_function("search_number", 1, flags, |ctx| Ok(number_terms(&ctx.get::<String>(0)?)))?;
    conn.create_scalar_function("search_contact", 2, flags, |ctx| {
        Ok(contact_terms(&ctx.get::<String>(0)?, &ctx.get::<String>(1)?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_yo_and_kazakh_look_alikes_fold_both_ways() {
        assert_eq!(fold("Фёдорова"), fold("федорова"));
        assert_eq!(fold("Маратқызы"), fold("Мараткызы"));
        assert_eq!(fold("Әлібек Ұлы Һ Ғ Ң Ө Ү"), "алибек улы х г н о у");
        assert_eq!(fold("Smith"), "smith");
    }

    #[test]
    fn numbers_and_phones_are_indexed_by_their_digits() {
        assert_eq!(number_terms("SO-2026-000230"), "so-2026-000230 230");
        assert_eq!(number_terms("SO-2026-123456"), "so-2026-123456");
        assert_eq!(
            contact_terms("+7 (701) 234-56-78", "Абай көшесі 5"),
            "абай кошеси 5 77012345678 7012345678 87012345678"
        );
        assert_eq!(phone_query("+7 (705) 123-45"), Some("770512345".into()));
        assert_eq!(phone_query("705 123"), Some("705123".into()));
        assert_eq!(phone_query("230"), None, "a number's digits, not a phone");
        assert_eq!(phone_query("SO-2026-000230"), None);
        assert_eq!(contact_terms("", "Астана"), "астана");
    }
}
