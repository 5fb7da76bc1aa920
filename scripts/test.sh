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

echo "== Clippy (warnings fail)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

echo "== Rust tests"
cargo test --workspace --all-targets
