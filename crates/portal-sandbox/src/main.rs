//! `portal-sandbox --listen 127.0.0.1:PORT --data DIR [--seed N] [--order-every SECS]`
//! `portal-sandbox --data DIR --large SEED [--large-orders N] [--large-offerings N] [--generate-only]`
//!
//! With `--large SEED`, a new data directory gets a large supplier's data set (by default
//! 100,000 orders and 10,000 offerings; see `portal_sandbox::generate_large`) instead of the
//! demo data; an existing one is served as it is. `--generate-only` prints what was generated
//! on stdout and exits instead of serving.
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
use portal_sandbox::{DEFAULT_SEED, LargeSize, SandboxConfig, db, generate_large, start};
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
    /// Generate a large supplier's data set from this seed into a new data directory (instead
    /// of the demo data), for benchmarks. An existing data directory is kept as it is.
    #[arg(long, value_name = "SEED", conflicts_with = "seed")]
    large: Option<u64>,
    /// How many orders the large data set holds.
    #[arg(long, value_name = "N", default_value_t = LargeSize::BENCHMARK.orders, requires = "large")]
    large_orders: usize,
    /// How many offerings the large data set holds.
    #[arg(long, value_name = "N", default_value_t = LargeSize::BENCHMARK.offerings, requires = "large")]
    large_offerings: usize,
    /// Exit after generating the large data set instead of serving it.
    #[arg(long, requires = "large")]
    generate_only: bool,
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

    if let Some(seed) = args.large {
        let size = LargeSize { orders: args.large_orders, offerings: args.large_offerings };
        if args.data.join(db::DB_FILE).exists() {
            tracing::info!(dir = %args.data.display(), "the data directory exists; not generating a large data set into it");
        } else {
            let dir = args.data.clone();
            let generated = tokio::task::spawn_blocking(move || generate_large(&dir, seed, size)).await;
            match generated {
                Ok(Ok(s)) => {
                    tracing::info!(
                        seed,
                        orders = s.orders,
                        offerings = s.offerings,
                        participants = s.participants,
                        order_moves = s.order_moves,
                        changes = s.changes,
                        db_bytes = s.db_bytes,
                        took_ms = s.took.as_millis() as u64,
                        "generated a large data set"
                    );
                    if args.generate_only {
                        println!(
                            "generated seed {seed}: {} orders, {} offerings, {} participants, {} order moves, {} changes (feed head {}), {} bytes in {:.1} s",
                            s.orders,
                            s.offerings,
                            s.participants,
                            s.order_moves,
                            s.changes,
                            s.feed_head,
                            s.db_bytes,
                            s.took.as_secs_f64()
                        );
                    }
                }
                Ok(Err(e)) => {
                    tracing::error!(error = %e, "the large data set could not be generated");
                    return ExitCode::FAILURE;
                }
                Err(e) => {
                    tracing::error!(error = %e, "generating the large data set failed");
                    return ExitCode::FAILURE;
                }
            }
        }
        if args.generate_only {
            return ExitCode::SUCCESS;
        }
    }

    let config = SandboxConfig {
        listen: args.listen,
        data_dir: args.data,
        seed: args.large.unwrap_or(args.seed),
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
