#!/usr/bin/env bash
# Runs every test of the project: the UI's unit tests, then every Rust test in the workspace,
# including the sandbox's HTTP tests and the real-window WebDriver test under Xvfb.
# Sets up what is missing first. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PATH"
# Where scripts/install-schemathesis.sh put it (crates/portal-sandbox/tests/schemathesis.rs).
export SCHEMATHESIS_BIN="${SCHEMATHESIS_BIN:-${SCHEMATHESIS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/supplier-desk/schemathesis}/bin/schemathesis}"

echo "== Format (rustfmt.toml)"
cargo fmt --all --check

echo "== UI type check (svelte-check, warnings fail)"
(cd ui && npm run --silent check)

echo "== UI unit tests"
(cd ui && npm test --silent)

echo "== Rust tests, the workspace's crates built through Clippy (warnings fail)"
# Clippy's driver compiles the workspace's own crates for the tests and lints them as it does
# (what `cargo clippy --workspace --all-targets -- -D warnings` checks), so the dependencies are
# compiled once, for the tests, instead of once more in check mode for a separate lint run.
# With the `custom-protocol` feature the window tests run the app as it ships (its UI from the
# embedded assets), and the .deb test's build of the app (tests/deb_install.rs) reuses this one.
clippy_driver=$(command -v clippy-driver) || { echo "test.sh: clippy-driver not found (rustup component add clippy)" >&2; exit 1; }
RUSTC_WORKSPACE_WRAPPER="$clippy_driver" CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__" \
  cargo test --workspace --all-targets --features supplier-desk/custom-protocol
