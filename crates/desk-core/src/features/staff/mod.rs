//! Staff accounts on the workstation: created by the supplier's manager, each with a role (see
//! `access.rs`) and a password kept as an Argon2id hash. Signing in is the only way to get an
//! [`Actor`]; every attempt, refused or not, is recorded and audited in one transaction.

pub mod password;
pub mod views;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::kernel::Problem;
use crate::kernel::access::{AccessError, Actor, Command, Role};
use crate::kernel::error::ActionError;
use crate::kernel::store::{Store, StoreError};
use views::{NewStaffInput, SignInOutcome, StaffRow, StaffUpdate};

/// Consecutive refusals after which an account waits before it may try again.
pub const FAILURES_BEFORE_PAUSE: u32 = 5;
/// How long that wait is.
pub const PAUSE_AFTER_FAILURES: Duration = Duration::seconds(60);

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: Problem },
    #[error(transparent)]
    Forbidden(#[from] AccessError),
    #[error("accounts exist already: the first account is created once")]
    AlreadySetUp,
    #[error(transparent)]
    Password(#[from] password::PasswordError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for StaffError {
    fn from(e: rusqlite::Error) -> Self {
        StaffError::Store(StoreError::Sqlite(e))
    }
}

fn invalid(field: &'static str, message: impl Into<Problem>) -> StaffError {
    StaffError::Invalid { field, message: message.into() }
}

/// A new account as the manager enters it, checked.
struct NewStaff {
    username: String,
    display_name: String,
    role: Role,
    password: String,
}

impl TryFrom<&NewStaffInput> for NewStaff {
    type Error = StaffError;
    fn try_from(input: &NewStaffInput) -> Result<NewStaff, StaffError> {
        let username = input.username.trim().to_lowercase();
        if username.is_empty() || username.chars().count() > 40 {
            return Err(invalid(
                "username",
                Problem::new("username_length", "a user name of 1 to 40 characters is required"),
            ));
        }
        if !username.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_')) {
            return Err(invalid(
                "username",
                Problem::new("username_characters", "a user name may hold letters, digits, '.', '-' and '_' only"),
            ));
        }
        let display_name = check_display_name(&input.display_name)?;
        check_password(&input.password)?;
        Ok(NewStaff { username, display_name, role: input.role, password: input.password.clone() })
    }
}

/// A person's name as the desk shows it: 1 to 80 characters, trimmed.
fn check_display_name(name: &str) -> Result<String, StaffError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(invalid(
            "display_name",
            Problem::new("display_name_length", "a name of 1 to 80 characters is required"),
        ));
    }
    Ok(name.to_owned())
}

fn check_password(password: &str) -> Result<(), StaffError> {
    if password.chars().count() < password::MIN_PASSWORD_CHARS {
        return Err(invalid(
            "password",
            Problem::new(
                "password_too_short",
                format!("a password of at least {} characters is required", password::MIN_PASSWORD_CHARS),
            )
            .with("min", password::MIN_PASSWORD_CHARS),
        ));
    }
    Ok(())
}

impl Store {
    /// Whether any account exists: without one, the desk asks for its first (manager) account.
    pub fn has_staff(&self) -> Result<bool, StoreError> {
        Ok(self.connection().query_row("SELECT EXISTS (SELECT 1 FROM staff)", [], |r| r.get(0))?)
    }

    /// Whether an account has this user name.
    pub fn has_staff_named(&self, username: &str) -> Result<bool, StoreError> {
        Ok(self.connection().query_row(
            "SELECT EXISTS (SELECT 1 FROM staff WHERE username = ?1)",
            [username.trim().to_lowercase()],
            |r| r.get(0),
        )?)
    }

    /// Creates the workstation's first account, always a manager, and signs its maker in.
    /// Refused once any account exists.
    pub fn create_first_manager(&mut self, input: &NewStaffInput) -> Result<Actor, StaffError> {
        let staff = NewStaff::try_from(&NewStaffInput { role: Role::Manager, ..input.clone() })?;
        let hash = password::hash(&staff.password)?;
        let tx = self.transaction()?;
        let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM staff)", [], |r| r.get(0))?;
        if exists {
            return Err(StaffError::AlreadySetUp);
        }
        let id = insert_staff(&tx, &staff, &hash)?;
        let actor = Actor::new(id, staff.username, staff.display_name, Role::Manager);
        audit_staff(&tx, &actor, "staff_created", id, Role::Manager)?;
        tx.commit()?;
        Ok(actor)
    }

    /// A manager creates an account.
    pub fn create_staff(&mut self, actor: &Actor, input: &NewStaffInput) -> Result<StaffRow, StaffError> {
        actor.require(Command::StaffManage)?;
        let staff = NewStaff::try_from(input)?;
        let hash = password::hash(&staff.password)?;
        let tx = self.transaction()?;
        let taken: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM staff WHERE username = ?1)", [&staff.username], |r| r.get(0))?;
        if taken {
            return Err(invalid("username", Problem::new("username_taken", "this user name is taken")));
        }
        let id = insert_staff(&tx, &staff, &hash)?;
        audit_staff(&tx, actor, "staff_created", id, staff.role)?;
        let row = staff_row(&tx, id)?;
        tx.commit()?;
        Ok(row)
    }

    /// A manager turns an account off (it can no longer sign in) or on again. A manager cannot
    /// turn off their own account, so the desk always keeps one manager who can sign in.
    pub fn set_staff_active(&mut self, actor: &Actor, staff_id: i64, active: bool) -> Result<StaffRow, StaffError> {
        actor.require(Command::StaffManage)?;
        if staff_id == actor.staff_id() && !active {
            return Err(invalid("active", Problem::new("own_account_off", "you cannot turn off your own account")));
        }
        let tx = self.transaction()?;
        let changed = tx.execute("UPDATE staff SET active = ?2 WHERE id = ?1", params![staff_id, active])?;
        if changed == 0 {
            return Err(StoreError::NotFound { entity: "staff member", id: staff_id.to_string() }.into());
        }
        let row = staff_row(&tx, staff_id)?;
        let action = if active { "staff_enabled" } else { "staff_disabled" };
        audit_staff(&tx, actor, action, staff_id, row.role)?;
        tx.commit()?;
        Ok(row)
    }

    /// A manager corrects an account's name or changes its role. A manager cannot change their
    /// own role, so the desk always keeps a manager who can sign in.
    pub fn update_staff(&mut self, actor: &Actor, staff_id: i64, change: &StaffUpdate) -> Result<StaffRow, StaffError> {
        actor.require(Command::StaffManage)?;
        let display_name = check_display_name(&change.display_name)?;
        let tx = self.transaction()?;
        let before = match tx.query_row(&format!("{STAFF_ROW} WHERE id = ?1"), [staff_id], read_staff_row).optional()? {
            Some(row) => row,
            None => return Err(StoreError::NotFound { entity: "staff member", id: staff_id.to_string() }.into()),
        };
        if staff_id == actor.staff_id() && change.role != before.role {
            return Err(invalid("role", Problem::new("own_role", "you cannot change your own role")));
        }
        tx.execute(
            "UPDATE staff SET display_name = ?2, role = ?3 WHERE id = ?1",
            params![staff_id, display_name, change.role.as_str()],
        )?;
        crate::kernel::outbox::audit(
            &tx,
            actor.username(),
            "staff_updated",
            "staff",
            &staff_id.to_string(),
            &serde_json::json!({
                "role": change.role,
                "role_before": before.role,
                "display_name": display_name,
                "display_name_before": before.display_name,
            })
            .to_string(),
        )?;
        let row = staff_row(&tx, staff_id)?;
        tx.commit()?;
        Ok(row)
    }

    /// A manager sets a new password for an account (a forgotten one, or a first one handed over
    /// in person).
    pub fn reset_staff_password(&mut self, actor: &Actor, staff_id: i64, new_password: &str) -> Result<(), StaffError> {
        actor.require(Command::StaffManage)?;
        check_password(new_password)?;
        let hash = password::hash(new_password)?;
        let tx = self.transaction()?;
        let changed = tx.execute("UPDATE staff SET password_hash = ?2 WHERE id = ?1", params![staff_id, hash])?;
        if changed == 0 {
            return Err(StoreError::NotFound { entity: "staff member", id: staff_id.to_string() }.into());
        }
        let role = staff_row(&tx, staff_id)?.role;
        audit_staff(&tx, actor, "staff_password_reset", staff_id, role)?;
        tx.commit()?;
        Ok(())
    }

    /// Keeps the window's language the signed-in person chose, for their next sign-in on this
    /// desk; returns them with it.
    pub fn set_own_language(&mut self, actor: &Actor, language: &str) -> Result<Actor, ActionError> {
        actor.require(Command::OwnSettings)?;
        if !LANGUAGES.contains(&language) {
            return Err(crate::kernel::error::invalid(
                "language",
                Problem::new("language_unknown", "the language is kk, ru or en").with("value", language),
            ));
        }
        let tx = self.transaction()?;
        tx.execute("UPDATE staff SET language = ?2 WHERE id = ?1", params![actor.staff_id(), language])?;
        let detail = serde_json::json!({ "language": language });
        crate::kernel::outbox::audit(
            &tx,
            actor.username(),
            "language_set",
            "staff",
            &actor.staff_id().to_string(),
            &detail.to_string(),
        )?;
        tx.commit()?;
        Ok(actor.clone().with_language(Some(language.to_owned())))
    }

    /// Every account, by name.
    pub fn staff_list(&self, actor: &Actor) -> Result<Vec<StaffRow>, StaffError> {
        actor.require(Command::StaffList)?;
        let mut stmt = self.connection().prepare(&format!("{STAFF_ROW} ORDER BY display_name, username"))?;
        Ok(stmt.query_map([], read_staff_row)?.collect::<Result<Vec<_>, _>>()?)
    }

    /// Checks a user name and password. Every attempt is recorded (`sign_in_attempts`) and
    /// audited, under the name typed whether or not an account has it (so the answer does not
    /// tell which names exist); after [`FAILURES_BEFORE_PAUSE`] refusals in a row a name waits
    /// [`PAUSE_AFTER_FAILURES`] before it may be tried again.
    pub fn sign_in(&mut self, username: &str, password: &str) -> Result<SignInOutcome, StoreError> {
        let username = username.trim().to_lowercase();
        let now = Utc::now();
        let (failed_in_row, last_refused_at) = refusals_in_row(self.connection(), &username)?;
        if failed_in_row >= FAILURES_BEFORE_PAUSE
            && let Some(until) = last_refused_at.map(|at| at + PAUSE_AFTER_FAILURES).filter(|until| *until > now)
        {
            return Ok(SignInOutcome::Paused { until });
        }
        let account: Option<(i64, String, Role, String, bool, Option<String>)> = self
            .connection()
            .query_row(
                "SELECT id, display_name, role, password_hash, active, language FROM staff WHERE username = ?1",
                [&username],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?;
        let matches = match &account {
            Some((_, _, _, hash, ..)) => password::verify(password, hash),
            None => {
                password::verify_nothing(password);
                false
            }
        };
        let staff_id = account.as_ref().map(|a| a.0);
        let entity_id = staff_id.map(|id| id.to_string()).unwrap_or_default();
        let tx = self.transaction()?;
        let outcome = match account {
            Some((id, display_name, role, _, true, language)) if matches => {
                record_attempt(&tx, &username, staff_id, true)?;
                let detail = serde_json::json!({ "refused_before": failed_in_row });
                crate::kernel::outbox::audit(&tx, &username, "signed_in", "staff", &entity_id, &detail.to_string())?;
                SignInOutcome::SignedIn {
                    actor: Actor::new(id, username, display_name, role).with_language(language),
                    refused_before: failed_in_row,
                }
            }
            Some((_, _, _, _, false, _)) if matches => {
                record_attempt(&tx, &username, staff_id, false)?;
                crate::kernel::outbox::audit(
                    &tx,
                    &username,
                    "sign_in_refused",
                    "staff",
                    &entity_id,
                    r#"{"reason":"account turned off"}"#,
                )?;
                SignInOutcome::Disabled
            }
            _ => {
                record_attempt(&tx, &username, staff_id, false)?;
                let failed = failed_in_row.saturating_add(1);
                let paused_until = (failed >= FAILURES_BEFORE_PAUSE).then(|| now + PAUSE_AFTER_FAILURES);
                let detail = serde_json::json!({ "reason": "wrong user name or password", "refused_in_row": failed });
                crate::kernel::outbox::audit(
                    &tx,
                    &username,
                    "sign_in_refused",
                    "staff",
                    &entity_id,
                    &detail.to_string(),
                )?;
                SignInOutcome::Refused { refused_in_row: failed, paused_until }
            }
        };
        tx.commit()?;
        Ok(outcome)
    }

    /// Records that a session ended (signed out, or locked after idle time), in the audit log.
    pub fn end_session(&mut self, actor: &Actor, how: &'static str) -> Result<(), StoreError> {
        let tx = self.transaction()?;
        crate::kernel::outbox::audit(&tx, actor.username(), how, "staff", &actor.staff_id().to_string(), "{}")?;
        tx.commit()?;
        Ok(())
    }

    /// How many sign-in attempts under `username` were refused, in all.
    pub fn refused_sign_ins(&self, username: &str) -> Result<i64, StoreError> {
        Ok(self.connection().query_row(
            "SELECT count(*) FROM sign_in_attempts WHERE username = ?1 AND NOT succeeded",
            [username.trim().to_lowercase()],
            |r| r.get(0),
        )?)
    }
}

/// The refusals under `username` since its last successful sign-in, and when the last was.
fn refusals_in_row(conn: &rusqlite::Connection, username: &str) -> Result<(u32, Option<DateTime<Utc>>), StoreError> {
    Ok(conn.query_row(
        "SELECT count(*), max(at) FROM sign_in_attempts
         WHERE username = ?1 AND id > coalesce((SELECT max(id) FROM sign_in_attempts WHERE username = ?1 AND succeeded), 0)",
        [username],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The window's languages.
pub const LANGUAGES: [&str; 3] = ["kk", "ru", "en"];

const STAFF_ROW: &str = "SELECT id, username, display_name, role, active, created_at FROM staff";

fn read_staff_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StaffRow> {
    Ok(StaffRow {
        id: r.get(0)?,
        username: r.get(1)?,
        display_name: r.get(2)?,
        role: r.get(3)?,
        active: r.get(4)?,
        created_at: r.get(5)?,
    })
}

fn staff_row(tx: &Transaction<'_>, id: i64) -> Result<StaffRow, StaffError> {
    Ok(tx.query_row(&format!("{STAFF_ROW} WHERE id = ?1"), [id], read_staff_row)?)
}

fn insert_staff(tx: &Transaction<'_>, staff: &NewStaff, hash: &str) -> Result<i64, StaffError> {
    Ok(tx.query_row(
        "INSERT INTO staff (username, display_name, role, password_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        params![staff.username, staff.display_name, staff.role.as_str(), hash, Utc::now()],
        |r| r.get(0),
    )?)
}

fn audit_staff(tx: &Transaction<'_>, actor: &Actor, action: &str, staff_id: i64, role: Role) -> Result<(), StoreError> {
    crate::kernel::outbox::audit(
        tx,
        actor.username(),
        action,
        "staff",
        &staff_id.to_string(),
        &serde_json::json!({ "role": role }).to_string(),
    )
}

fn record_attempt(
    tx: &Transaction<'_>,
    username: &str,
    staff_id: Option<i64>,
    succeeded: bool,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO sign_in_attempts (at, username, staff_id, succeeded) VALUES (?1, ?2, ?3, ?4)",
        params![Utc::now(), username, staff_id, succeeded],
    )?;
    Ok(())
}
