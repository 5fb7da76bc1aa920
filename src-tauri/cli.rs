//! Command-line options. Every option also reads an environment variable, so tests and portable
//! installs can point the app at another data dir or portal without flags.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "supplier-desk", version, about = "Supplier Desk for the portal of social services")]
pub struct Cli {
    /// Where the local database lives (default: the OS app-data dir).
    #[arg(long, global = true, env = "SUPPLIER_DESK_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// The portal's base URL. Without it, the bundled portal sandbox is started on a loopback
    /// port with demo data.
    #[arg(long, global = true, env = "SUPPLIER_DESK_PORTAL")]
    pub portal: Option<String>,

    /// The supplier's BIN on the portal (default: the sandbox's demo supplier).
    #[arg(long, global = true, env = "SUPPLIER_DESK_BIN")]
    pub bin: Option<String>,

    /// The supplier's portal password (default: the sandbox's demo password).
    #[arg(long, global = true, env = "SUPPLIER_DESK_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,

    /// The administrator's password that seals the desk's secrets on a computer without a
    /// keychain (Secret Service); not needed where there is one.
    #[arg(long, global = true, env = "SUPPLIER_DESK_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,

    /// Who runs a command that reads or changes the supplier's data (`offerings-*`, `document`,
    /// `audit-export`, `staff-add`): a staff account of this desk. Their password is read from
    /// SUPPLIER_DESK_USER_PASSWORD, or else as the first line of standard input.
    #[arg(long, global = true, env = "SUPPLIER_DESK_USER")]
    pub user: Option<String>,

    /// Seconds between background syncs.
    #[arg(long, global = true, env = "SUPPLIER_DESK_SYNC_INTERVAL", default_value_t = 30)]
    pub sync_interval: u64,

    /// Seconds without use after which the window locks and asks for the password again.
    #[arg(long, global = true, env = "SUPPLIER_DESK_LOCK_AFTER", default_value_t = 300)]
    pub lock_after: u64,

    /// Changes per page of the portal's feed (at most 5000); smaller pages suit a slow link.
    #[arg(long, global = true, env = "SUPPLIER_DESK_PAGE_SIZE", default_value_t = desk_core::sync::PAGE_SIZE)]
    pub page_size: u32,

    /// Without a command, the desktop window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless commands, for scripting and for the crash tests: no window is opened.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Pushes queued changes to the portal and pulls what is new (needs --data-dir and --portal).
    Sync {
        /// One round, then exit: 0 when it succeeded, 1 when it did not.
        #[arg(long)]
        once: bool,
    },
    /// Prints the store's counts and sync state as JSON (needs --data-dir).
    Status,
    /// Writes the offerings as CSV to FILE, or to stdout for `-` (needs --data-dir).
    OfferingsExport {
        /// The CSV file to write, or `-`.
        file: PathBuf,
    },
    /// Creates and updates offerings from a CSV file (needs --data-dir). A row with an `id`
    /// updates that offering, a row without one creates an offering. Any bad row: each is
    /// printed with its line, nothing is applied, and the exit code is 1.
    OfferingsImport {
        /// The CSV file to read, in the columns `offerings-export` writes (`id`, `model` and
        /// `manufacturer` may be left out).
        file: PathBuf,
    },
    /// Makes an order's document as PDF (needs --data-dir): `delivery-act` and `fitting-act`
    /// once the delivery or fitting is recorded, `label` for any order.
    Document {
        #[arg(value_enum)]
        kind: DocumentArg,
        /// The order's number, as on the portal (e.g. SO-2026-000123).
        order_number: String,
        /// The PDF file to write.
        #[arg(long)]
        out: PathBuf,
        /// The document's language.
        #[arg(long, value_enum, default_value_t = LangArg::Ru)]
        lang: LangArg,
    },

    /// Writes the audit trail as CSV to FILE, or to stdout for `-` (a manager's; needs --data-dir).
    AuditExport {
        file: PathBuf,
        /// Only entries of this user name.
        #[arg(long)]
        actor: Option<String>,
        /// Only entries of this action (`accept_order`, `signed_in`, …).
        #[arg(long)]
        action: Option<String>,
        /// Only entries from this instant (RFC 3339, e.g. 2026-12-01T00:00:00+05:00).
        #[arg(long)]
        from: Option<chrono::DateTime<chrono::FixedOffset>>,
        /// Only entries before this instant (RFC 3339).
        #[arg(long)]
        until: Option<chrono::DateTime<chrono::FixedOffset>>,
    },
    /// Writes a backup of the whole desk (database and photos) to FILE, encrypted with a
    /// password read from SUPPLIER_DESK_BACKUP_PASSWORD, or else from standard input (after the
    /// --user's). A manager's; needs --data-dir.
    Backup { file: PathBuf },
    /// Replaces the desk's data with the backup in FILE, opened with its password (as for
    /// `backup`). Refused while changes wait for the portal. A manager's; needs --data-dir.
    Restore { file: PathBuf },
    /// Creates a staff account (needs --data-dir). A new desk's first account is a manager and
    /// needs no --user; after that a manager's --user is required. The new account's password is
    /// read from SUPPLIER_DESK_NEW_PASSWORD, or else from standard input (after the --user's).
    StaffAdd {
        /// The sign-in name: letters, digits, '.', '-', '_'.
        username: String,
        /// The person's name as the desk shows it.
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoleArg {
    Manager,
    Office,
    Workshop,
    Courier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DocumentArg {
    DeliveryAct,
    FittingAct,
    Label,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    Kk,
    Ru,
    En,
}
