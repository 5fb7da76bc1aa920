//! `portal-sandbox --listen 127.0.0.1:PORT --data DIR [--seed N] [--order-every SECS]`
//!
//! Prints `portal-sandbox listening on http://127.0.0.1:PORT` on stdout once it accepts
//! connections, logs to stderr (`RUST_LOG` filters), and stops cleanly on SIGTERM or Ctrl-C.
//! Besides the supplier API under `/v1` it serves the sandbox-only admin API under `/admin`
//! (faults, clock, participants, state: docs/sandbox-admin.md).

use std::io::{IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use portal_sandbox::{DEFAULT_SEED, SandboxConfig, start};
use tracing_subscriber::EnvFilter;

/// A portal of social services for Supplier Desk to talk to: the supplier API over its own
/// SQLite file, with demo data and simulated participants.
#[derive(Debug, Parser)]
#[command(name = "portal-sandbox", version)]
struct Args {
    /// The address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// The data directory (holds portal.sqlite; created if missing).
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// The seed of the demo data generated into a new data directory.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Seconds between orders placed by simulated participants (0 = off).
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    order_every: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();

    let config = SandboxConfig {
        listen: args.listen,
        data_dir: args.data,
        seed: args.seed,
        order_every: (args.order_every > 0).then(|| Duration::from_secs(args.order_every)),
    };
    let sandbox = match start(config).await {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "the portal sandbox could not start");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    // If stdout is gone nobody is reading the address; the server still runs.
    let _ = writeln!(stdout, "portal-sandbox listening on {}", sandbox.url());
    let _ = stdout.flush();
    drop(stdout);

    terminated().await;
    tracing::info!("stopping");
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

/// Resolves on Ctrl-C, or on SIGTERM where there is one.
async fn terminated() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM; stopping on Ctrl-C only");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
