//! What the shell sends the page besides desk-core's views: the one error shape every command
//! answers with — each of desk-core's errors mapped to a stable code, the field at fault, and a
//! problem's key and parameters the page words in the person's language (the English message
//! goes to the log, never on screen) — and the request to confirm quitting. Their TypeScript is generated into
//! `ui/src/bindings/shell.ts`, checked for drift by the test below.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Sent to the page when the user closes the window with changes still queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuitRequest {
    #[ts(type = "number")]
    pub pending_mutations: u64,
}

/// An error as the UI receives it: a stable code, the field at fault if any, and the problem's
/// key (`problem.<key>` in the page's catalogue) with its parameters when desk-core named one.
/// `message` is English, for the log and the developer tools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub params: Option<Vec<(String, String)>>,
}

impl AppError {
    /// Every error the shell answers with is made here, so every one is logged once.
    pub fn new(code: &str, message: impl Into<String>) -> AppError {
        let message = message.into();
        tracing::info!(code, %message, "a command answered with an error");
        AppError { code: code.to_owned(), message, field: None, key: None, params: None }
    }

    /// The error is about `field`.
    pub fn at(mut self, field: impl Into<String>) -> AppError {
        self.field = Some(field.into());
        self
    }

    /// The sentence the page shows for this error (`problem.<key>`).
    pub fn keyed(mut self, key: &str) -> AppError {
        self.key = Some(key.to_owned());
        self
    }

    /// A value desk-core refused, with its problem's key and parameters.
    pub fn invalid(field: &str, problem: desk_core::kernel::Problem) -> AppError {
        let mut e = AppError::new("invalid_input", problem.text).at(field);
        e.key = (!problem.key.is_empty()).then(|| problem.key.to_owned());
        e.params = Some(problem.params.into_iter().map(|(k, v)| (k.to_owned(), v)).collect());
        e
    }
}

impl From<desk_core::StoreError> for AppError {
    fn from(e: desk_core::StoreError) -> AppError {
        use desk_core::StoreError as E;
        let code = match &e {
            E::NotFound { .. } => "not_found",
            E::Transition(_) => "transition_refused",
            E::Model(_) => "invalid_data",
            E::Sqlite(_) | E::Migration(_) | E::Json(_) | E::UnknownValue { .. } | E::Export(_) => "storage",
            E::File(_) | E::WrongKey => "storage",
        };
        AppError::new(code, e.to_string())
    }
}

impl From<desk_core::features::backup::BackupError> for AppError {
    fn from(e: desk_core::features::backup::BackupError) -> AppError {
        use desk_core::features::backup::BackupError as E;
        let at_password = |code: &str, e: &E| AppError::new(code, e.to_string()).at("password");
        match e {
            E::Forbidden(e) => e.into(),
            E::Store(e) => e.into(),
            E::WeakPassword => at_password("invalid_input", &e),
            E::WrongPassword => at_password("wrong_password", &e).keyed("backup_wrong_password"),
            E::PendingChanges(_) => AppError::new("pending_changes", e.to_string()),
            other => AppError::new("backup", other.to_string()),
        }
    }
}

impl From<desk_core::vault::VaultError> for AppError {
    fn from(e: desk_core::vault::VaultError) -> AppError {
        AppError::new("secrets", e.to_string())
    }
}

impl From<desk_core::ImportError> for AppError {
    fn from(e: desk_core::ImportError) -> AppError {
        match e {
            desk_core::ImportError::Store(e) => e.into(),
            desk_core::ImportError::Forbidden(e) => e.into(),
            other => AppError::new("csv", other.to_string()),
        }
    }
}

impl From<desk_core::kernel::ActionError> for AppError {
    fn from(e: desk_core::kernel::ActionError) -> AppError {
        match e {
            desk_core::kernel::ActionError::Invalid { field, message } => AppError::invalid(field, message),
            desk_core::kernel::ActionError::Forbidden(e) => e.into(),
            desk_core::kernel::ActionError::Store(e) => e.into(),
        }
    }
}

impl From<desk_core::access::AccessError> for AppError {
    fn from(e: desk_core::access::AccessError) -> AppError {
        AppError::new("forbidden", e.to_string())
    }
}

impl From<desk_core::kernel::session::SessionError> for AppError {
    fn from(e: desk_core::kernel::session::SessionError) -> AppError {
        use desk_core::kernel::session::SessionError as E;
        match e {
            E::SignedOut => AppError::new("signed_out", e.to_string()),
            E::Locked(_) => AppError::new("locked", e.to_string()),
            E::Forbidden(e) => e.into(),
        }
    }
}

impl From<desk_core::features::staff::StaffError> for AppError {
    fn from(e: desk_core::features::staff::StaffError) -> AppError {
        use desk_core::features::staff::StaffError as E;
        match e {
            E::Invalid { field, message } => AppError::invalid(field, message),
            E::Forbidden(e) => e.into(),
            E::AlreadySetUp => AppError::new("already_set_up", e.to_string()),
            E::Password(e) => AppError::new("storage", e.to_string()),
            E::Store(e) => e.into(),
        }
    }
}

impl From<desk_core::features::audit::AuditError> for AppError {
    fn from(e: desk_core::features::audit::AuditError) -> AppError {
        match e {
            desk_core::features::audit::AuditError::Forbidden(e) => e.into(),
            desk_core::features::audit::AuditError::Store(e) => e.into(),
        }
    }
}

impl From<desk_core::documents::DocumentError> for AppError {
    fn from(e: desk_core::documents::DocumentError) -> AppError {
        use desk_core::documents::DocumentError as E;
        match e {
            E::Invalid { field, message } => AppError::new("invalid_input", message).at(field),
            E::Store(e) => e.into(),
            E::Forbidden(e) => e.into(),
            E::Font(e) => AppError::new("no_font", e.to_string()),
            other @ (E::Layout(_) | E::Write { .. }) => AppError::new("document", other.to_string()),
        }
    }
}

/// The TypeScript of the shell's own shapes, as committed in `ui/src/bindings/shell.ts`.
pub fn bindings() -> String {
    let cfg = ts_rs::Config::default();
    let mut text = String::from(
        "// Generated from the Rust types in src-tauri/error.rs.\n\
         // Do not edit: run `UPDATE_BINDINGS=1 cargo test --lib bindings` instead.\n\n",
    );
    for d in [AppError::decl(&cfg), QuitRequest::decl(&cfg)] {
        text.push_str("export ");
        text.push_str(&d);
        text.push_str("\n\n");
    }
    text.trim_end().to_owned() + "\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_match_the_committed_typescript() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings/shell.ts");
        let generated = super::bindings();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write ui/src/bindings/shell.ts");
        }
        let committed = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run UPDATE_BINDINGS=1 cargo test --lib bindings)", path.display()));
        assert_eq!(
            committed, generated,
            "ui/src/bindings/shell.ts is stale: run UPDATE_BINDINGS=1 cargo test --lib bindings"
        );
    }
}
