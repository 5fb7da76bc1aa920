//! What an error may say in the log. The desk's log files are kept for days and sent along with
//! a support request, so they must not carry what an error can quote: a participant's name,
//! phone or address from a decoded or stored value, a message from the portal, a URL with its
//! credentials or query, a file name someone chose. [`LogSafe::log_safe`] renders an error as its
//! kind and the facts that name no one (HTTP statuses, problem codes, columns, entity kinds and
//! ids, counts); its `Display`, which the window and the command line show to the person who
//! caused it, may say more.
//!
//! The matches over the desk's own error enums are exhaustive on purpose: a new variant has to
//! say here what of it may be logged.

use portal_api::ClientError;

use crate::kernel::store::StoreError;
use crate::sync::SyncError;
use crate::vault::VaultError;

/// An error as the log may record it.
pub trait LogSafe {
    fn log_safe(&self) -> String;
}

impl LogSafe for ClientError {
    fn log_safe(&self) -> String {
        match self {
            // reqwest's message names the URL, with any user name, password or query in it.
            ClientError::Unreachable(e) => {
                let kind = if e.is_timeout() {
                    "timeout"
                } else if e.is_connect() {
                    "connect"
                } else if e.is_body() {
                    "body"
                } else if e.is_decode() {
                    "decode"
                } else if e.is_redirect() {
                    "redirect"
                } else if e.is_request() {
                    "request"
                } else {
                    "other"
                };
                format!("the portal could not be reached ({kind})")
            }
            ClientError::Timeout | ClientError::Unauthorized | ClientError::TooLarge { .. } => self.to_string(),
            // The problem's title and detail are the portal's words (a detail may name the order's
            // participant); its code is a machine-readable name.
            ClientError::Status { status, problem, .. } => match problem.as_deref().map(|p| p.code.as_str()) {
                Some(code) if is_code(code) => format!("the portal answered {status} ({code})"),
                Some(_) => format!("the portal answered {status} (an unrecognised problem code)"),
                None => format!("the portal answered {status}"),
            },
            // A decoding error quotes the value it could not take, which may be any field of an
            // order.
            ClientError::Decode(_) => "the portal's answer could not be read".to_owned(),
            ClientError::BadUrl(_) => "invalid portal address".to_owned(),
        }
    }
}

/// Whether a problem code looks like one (`order_cancelled`): anything else is not repeated.
fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-' | b'.'))
}

impl LogSafe for SyncError {
    fn log_safe(&self) -> String {
        match self {
            SyncError::Portal(e) => e.log_safe(),
            SyncError::Store(e) => e.log_safe(),
            SyncError::CursorWentBack { .. } => self.to_string(),
            SyncError::BadPushAnswer(_) => "the portal's answer to a batch did not match it".to_owned(),
            // A task's failure may carry a panic's message.
            SyncError::Task(_) => "fetching a page of changes stopped".to_owned(),
        }
    }
}

impl LogSafe for StoreError {
    fn log_safe(&self) -> String {
        match self {
            StoreError::Sqlite(e) => e.log_safe(),
            StoreError::Migration(e) => match e {
                rusqlite_migration::Error::RusqliteError { err, .. } => {
                    format!("could not bring the database schema up to date: {}", err.log_safe())
                }
                _ => "could not bring the database schema up to date".to_owned(),
            },
            StoreError::Json(e) => format!("stored data could not be read ({})", json_position(e)),
            // The id may be what someone typed to look an order up.
            StoreError::NotFound { entity, .. } => format!("no {entity} with that id"),
            StoreError::Transition(e) => e.to_string(),
            // Entity kind, the portal's id, the field and a fixed reason.
            StoreError::Model(e) => e.to_string(),
            StoreError::Export(_) => "could not write the export".to_owned(),
            StoreError::UnknownValue { column, .. } => format!("a stored value in {column} is not recognised"),
            // Its message names the file.
            StoreError::File(_) => "could not read or write a file".to_owned(),
            StoreError::WrongKey => self.to_string(),
        }
    }
}

impl LogSafe for VaultError {
    fn log_safe(&self) -> String {
        match self {
            // The keychain's own messages (a D-Bus error, "no matching entry"), fixed texts and a
            // number.
            VaultError::PasswordRequired(_)
            | VaultError::Keychain(_)
            | VaultError::KeychainGone(_)
            | VaultError::WrongPassword
            | VaultError::WeakPassword { .. }
            | VaultError::Malformed(_)
            | VaultError::KeyMissing(_) => self.to_string(),
            // The reason may be a JSON error quoting the file's content; the path names the
            // computer's user.
            VaultError::Damaged { .. } => "the secrets file cannot be read".to_owned(),
            VaultError::File { source, .. } => format!("could not read or write a secrets file: {}", source.kind()),
        }
    }
}

/// Where JSON failed and how, without the value serde_json quotes.
fn json_position(e: &serde_json::Error) -> String {
    let category = match e.classify() {
        serde_json::error::Category::Io => "input",
        serde_json::error::Category::Syntax => "syntax",
        serde_json::error::Category::Data => "data",
        serde_json::error::Category::Eof => "end of input",
    };
    format!("{category} error at line {} column {}", e.line(), e.column())
}

impl LogSafe for rusqlite::Error {
    fn log_safe(&self) -> String {
        use rusqlite::Error as E;
        match self {
            // SQLite's own messages name tables, columns and constraints, never a row's values
            // (a trigger's RAISE message is a literal of the schema).
            E::SqliteFailure(..)
            | E::SqliteSingleThreadedMode
            | E::ExecuteReturnedResults
            | E::QueryReturnedNoRows
            | E::QueryReturnedMoreThanOneRow
            | E::InvalidColumnIndex(_)
            | E::InvalidColumnName(_)
            | E::InvalidColumnType(..)
            | E::InvalidParameterName(_)
            | E::InvalidParameterCount(..)
            | E::StatementChangedRows(_)
            | E::InvalidQuery
            | E::MultipleStatement => format!("database error: {self}"),
            E::FromSqlConversionFailure(column, ty, _) => {
                format!("database error: a stored {ty} value in column {column} could not be converted")
            }
            E::IntegralValueOutOfRange(column, _) => {
                format!("database error: the integer in column {column} is out of range")
            }
            E::Utf8Error(column, _) => format!("database error: the text in column {column} is not UTF-8"),
            // Conversion failures of values on their way in, and whatever a later rusqlite adds.
            _ => "database error".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decoding_error_does_not_repeat_the_value() {
        let e = serde_json::from_str::<u32>("\"Айгерим Серикова\"").expect_err("not a number");
        assert!(e.to_string().contains("Айгерим"), "serde_json quotes the value: {e}");
        let stored = StoreError::Json(e);
        assert!(!stored.log_safe().contains("Айгерим"), "{}", stored.log_safe());
        assert!(stored.log_safe().contains("line 1"), "{}", stored.log_safe());
        let decoded = ClientError::Decode("invalid type: string \"Айгерим Серикова\", expected u32".into());
        assert_eq!(decoded.log_safe(), "the portal's answer could not be read");
    }

    #[test]
    fn a_portal_problem_is_logged_by_its_status_and_code_only() {
        let mut problem = portal_api::Problem::new(
            409,
            "order_cancelled",
            "Order cancelled",
            Some("the order of Айгерим Серикова, 870412300415, was cancelled".to_owned()),
        );
        let e = ClientError::Status { status: 409, problem: Some(Box::new(problem.clone())), retry_after: None };
        assert_eq!(e.log_safe(), "the portal answered 409 (order_cancelled)");
        problem.code = "Айгерим Серикова".into();
        let e = ClientError::Status { status: 409, problem: Some(Box::new(problem)), retry_after: None };
        assert!(!e.log_safe().contains("Айгерим"), "{}", e.log_safe());
    }

    #[test]
    fn stored_values_and_ids_someone_typed_are_not_repeated() {
        let e = StoreError::UnknownValue { column: "status", value: "Айгерим".into() };
        assert_eq!(e.log_safe(), "a stored value in status is not recognised");
        let e = StoreError::NotFound { entity: "order", id: "Серикова".into() };
        assert_eq!(e.log_safe(), "no order with that id");
        let e = StoreError::Sqlite(rusqlite::Error::IntegralValueOutOfRange(3, 870_412_300_415));
        assert!(!e.log_safe().contains("870412300415"), "{}", e.log_safe());
    }
}
