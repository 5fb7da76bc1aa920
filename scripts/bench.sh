#!/usr/bin/env bash
# Prints the store's performance figures at a large supplier's size as one Markdown table
# (release build; PERF_ORDERS=N changes the number of orders, 100,000 by default).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(rustc --version)"
cargo run --quiet --release -p desk-core --example perf

# The first sync of a large supplier (100,000 orders, 10,000 offerings, the feed of every order's
# history) over loopback HTTP from a release sandbox, with the desk's peak resident memory.
bash scripts/install-system-deps.sh
cargo build --quiet --release -p portal-sandbox
cargo build --quiet --release --features custom-protocol
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
work=$(mktemp -d)
sandbox_pid=""
trap '[ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"' EXIT
"$target/release/portal-sandbox" --data "$work/portal" --large 1 --generate-only >"$work/generated.txt"
"$target/release/portal-sandbox" --data "$work/portal" --large 1 --listen 127.0.0.1:0 --order-every 0 >"$work/sandbox.out" 2>/dev/null &
sandbox_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/sandbox.out" && break; sleep 0.1; done
url=$(grep -o "http://[0-9.:]*" "$work/sandbox.out")
/usr/bin/time -f "%e %M" -o "$work/time.txt" \
  "$target/release/supplier-desk" sync --once --data-dir "$work/desk" --portal "$url" >/dev/null 2>&1
read -r seconds max_kb <"$work/time.txt"
entries=$(grep -o "[0-9]* changes\|changes=[0-9]*\|[0-9]* feed entries" "$work/generated.txt" | grep -o "[0-9]*" | head -n 1)
echo "| first sync of the large supplier over loopback (100,000 orders, 10,000 offerings, ${entries:-?} feed entries) | ${seconds} s | | | |"
echo "| peak resident memory of that sync | $((max_kb / 1024)) MB | | $(awk "BEGIN {printf \"%.2f×\", $max_kb/1024/100}") of target | ≤ 100 MB |"
