//! The Tauri shell of Supplier Desk. It parses options, opens the store, connects to the portal
//! (or starts the bundled sandbox), runs the sync engine in the background and exposes named
//! commands to the webview. Every rule lives in desk-core; this crate only wires.

mod cli;
mod commands;
mod headless;
mod portal;
mod state;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use desk_core::Store;
use desk_core::sync::SyncEngine;
use portal_api::PortalClient;
use tauri::Manager;

pub use cli::Cli;
use state::{DeskState, StatusSubscribers};

/// The name of the database file inside the data dir.
pub const DATABASE_FILE: &str = "desk.sqlite";

#[derive(Debug, thiserror::Error)]
enum StartError {
    #[error("cannot find the app-data dir: {0}")]
    DataDir(#[source] tauri::Error),
    #[error("cannot create the data dir {path}: {source}")]
    CreateDataDir { path: PathBuf, source: std::io::Error },
    #[error("cannot open the local database: {0}")]
    Store(#[from] desk_core::StoreError),
    #[error(transparent)]
    Portal(#[from] portal::PortalSetupError),
    #[error("invalid portal address: {0}")]
    Client(#[from] portal_api::ClientError),
}

/// Registers the commands and the start-up hook on a builder; shared by the app and tests that
/// use Tauri's mock runtime.
pub fn configure<R: tauri::Runtime>(builder: tauri::Builder<R>, cli: Cli) -> tauri::Builder<R> {
    // Building the portal client (reqwest with native TLS, which loads the system's trust store)
    // took 60-115 ms in the setup hook, on the main thread, holding back the window. When the
    // portal is named, it is built on its own thread while Tauri brings up GTK, and the setup
    // hook picks it up.
    let early_client = cli.portal.clone().map(|url| std::thread::spawn(move || PortalClient::new(&url)));
    builder
        .invoke_handler(tauri::generate_handler![
            commands::inbox::inbox_page,
            commands::inbox::offerings_list,
            commands::inbox::inbox_rendered,
            commands::sync::sync_now,
            commands::sync::sync_subscribe,
            commands::sync::portal_sign_in,
            commands::orders::order_detail,
            commands::orders::order_accept,
            commands::orders::order_decline,
            commands::orders::delivery_record,
            commands::journal::conflicts_list,
            commands::journal::conflict_discard,
            commands::journal::conflict_retry,
            commands::journal::outages_list,
            commands::journal::outages_export,
            commands::app::quit_guard,
            commands::app::app_quit,
        ])
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event
                && let Some(state) = window.try_state::<DeskState>()
                && state.ask_before_quit()
            {
                api.prevent_close();
            }
        })
        .setup(move |app| {
            start(app, &cli, early_client).map_err(|e| {
                tracing::error!(error = %e, "start-up failed");
                Box::new(e) as Box<dyn std::error::Error>
            })
        })
}

/// The portal client being built on another thread (see `configure`).
type ClientThread = std::thread::JoinHandle<Result<PortalClient, portal_api::ClientError>>;

fn start<R: tauri::Runtime>(
    app: &mut tauri::App<R>,
    cli: &Cli,
    early_client: Option<ClientThread>,
) -> Result<(), StartError> {
    let data_dir = match &cli.data_dir {
        Some(dir) => dir.clone(),
        None => app.path().app_data_dir().map_err(StartError::DataDir)?,
    };
    std::fs::create_dir_all(&data_dir)
        .map_err(|source| StartError::CreateDataDir { path: data_dir.clone(), source })?;
    tracing::info!(data_dir = %data_dir.display(), "opening the local store");
    let store = Store::open(&data_dir.join(DATABASE_FILE))?;
    let portal = tauri::async_runtime::block_on(portal::connect(cli, &data_dir))?;
    tracing::info!(portal = %portal.url, "portal");
    // The early client was built for `cli.portal`, which is then `portal.url`.
    let client = match early_client {
        Some(building) => building.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?,
        None => PortalClient::new(&portal.url)?,
    };
    let engine = Arc::new(SyncEngine::new(Arc::new(Mutex::new(store)), client, portal.credentials).with_page_size(cli.page_size));
    let subscribers = Arc::new(StatusSubscribers::default());
    app.manage(DeskState::new(engine.clone(), subscribers.clone(), data_dir, portal.sandbox));

    let interval = Duration::from_secs(cli.sync_interval.max(1));
    tauri::async_runtime::spawn(async move {
        engine.run(interval, |status| subscribers.broadcast(&status)).await;
    });
    Ok(())
}

/// Runs the desktop app with options from the command line and environment.
pub fn run() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tao=warn,wry=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if let Some(command) = &cli.command {
        return headless::run(&cli, command);
    }
    match configure(tauri::Builder::default(), cli).run(tauri::generate_context!()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("supplier-desk: {e}");
            ExitCode::FAILURE
        }
    }
}
