//! The error of a user action: a field's value refused, a role without the right, or the store.
//! A refused value carries a [`Problem`]: a stable key and its parameters, which the window words
//! in the person's language, and the English text for logs and the command line.

use std::fmt;

use crate::kernel::access::AccessError;
use crate::kernel::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: Problem },
    #[error(transparent)]
    Forbidden(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ActionError {
    fn from(e: rusqlite::Error) -> Self {
        ActionError::Store(StoreError::Sqlite(e))
    }
}

pub(crate) fn invalid(field: &'static str, message: impl Into<Problem>) -> ActionError {
    ActionError::Invalid { field, message: message.into() }
}

/// What is wrong with a value, for people. `key` names the sentence in the window's catalogue
/// (`problem.<key>` in ui/src/i18n), `params` fill it in; `text` is the same in English. A
/// problem made from a bare string has no key: the window then says only that the value was
/// not accepted, never the English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: &'static str,
    pub params: Vec<(&'static str, String)>,
    pub text: String,
}

impl Problem {
    pub fn new(key: &'static str, text: impl Into<String>) -> Problem {
        Problem { key, params: Vec::new(), text: text.into() }
    }

    /// Adds a parameter. Names the window formats: `status` (an order status), `region` (a
    /// region code), a name ending in `_tiyn` (an amount of money).
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Problem {
        self.params.push((name, value.to_string()));
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<String> for Problem {
    fn from(text: String) -> Problem {
        Problem { key: "", params: Vec::new(), text }
    }
}

impl From<&str> for Problem {
    fn from(text: &str) -> Problem {
        Problem::from(text.to_owned())
    }
}
