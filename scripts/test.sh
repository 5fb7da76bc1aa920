#!/usr/bin/env bash
# Runs every test of the project: the UI's unit tests, then every Rust test in the workspace,
# including the sandbox's HTTP tests and the real-window WebDriver test under Xvfb.
# Sets up what is missing first. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PATH"

echo "== UI unit tests"
(cd ui && npm test --silent)

echo "== Rust tests"
cargo test --workspace --all-targets
