#!/usr/bin/env bash
# Prints the store's performance figures at a large supplier's size as one Markdown table
# (release build; PERF_ORDERS=N changes the number of orders, 100,000 by default).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(rustc --version)"
cargo run --quiet --release -p desk-core --example perf
