#!/usr/bin/env bash
# Every performance figure of the project as one Markdown table, each against its target or a
# limit measured in the same run (release builds; a few minutes). PERF_ORDERS=N changes the
# store benchmark's size (100,000 orders by default).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh test >/dev/null
bash scripts/setup.sh test >/dev/null
cargo build --quiet --release -p portal-sandbox
cargo build --quiet --release -p desk-core --example perf --example bulk_insert
cargo build --quiet --release --features custom-protocol
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
work=$(mktemp -d)
sandbox_pid=""
. scripts/headless-session.sh
trap '[ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; stop_keyring_session; rm -rf "$work"' EXIT
# The desk keeps its database key in a keychain, as on a desktop: without a desktop session, a
# session bus and GNOME Keyring of this run's own (unless one answers already).
if ! dbus-send --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
    string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
  start_keyring_session "$work/keyring"
fi

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(rustc --version)"
echo
echo "| figure | measured | against | ratio | target |"
echo "|---|---|---|---|---|"

# The first sync of a large supplier (100,000 orders, 10,000 offerings, every order's history in
# the feed) over loopback HTTP from a release sandbox, to a usable inbox, with the desk's peak
# resident memory; then the same rows bulk-inserted into a new store in one transaction.
"$target/release/portal-sandbox" --data "$work/portal" --large 1 --generate-only >"$work/generated.txt"
"$target/release/portal-sandbox" --data "$work/portal" --large 1 --listen 127.0.0.1:0 --order-every 0 >"$work/sandbox.out" 2>/dev/null &
sandbox_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/sandbox.out" && break; sleep 0.1; done
url=$(grep -o "http://[0-9.:]*" "$work/sandbox.out")
/usr/bin/time -f "%e %M" -o "$work/time.txt" \
  "$target/release/supplier-desk" sync --once --data-dir "$work/desk" --portal "$url" >/dev/null 2>&1
read -r seconds max_kb <"$work/time.txt"
read -r bulk_ms _ bulk_rows _ < <("$target/release/examples/bulk_insert" "$work/desk")
entries=$(grep -o "[0-9]* changes" "$work/generated.txt" | grep -o "[0-9]*" | head -n 1)
echo "| first sync of 100,000 orders and 10,000 offerings (a feed of ${entries:-?} changes) over loopback, to a usable inbox | ${seconds} s | bulk insert of the same ${bulk_rows} rows ${bulk_ms} ms | $(awk "BEGIN {printf \"%.2f×\", $seconds * 1000 / $bulk_ms}") | ≤ 1.3× |"
echo "| peak resident memory during that sync | $((max_kb / 1024)) MB | | $(awk "BEGIN {printf \"%.2f×\", $max_kb / 1024 / 100}") of target | ≤ 100 MB |"

# Cold start to that inbox and idle memory, against a bare Tauri window, on the synced data.
bash scripts/bench-window.sh "$work/desk" "$url" 2>"$work/window.err" | grep "^| " || { cat "$work/window.err" >&2; exit 1; }

# The window's own timings at that size: a key typed in the search, a screen chosen, an order opened.
bash scripts/bench-interactions.sh "$work/desk" "$url" 2>"$work/interactions.err" | grep "^| " || { cat "$work/interactions.err" >&2; exit 1; }

# Pushing 10,000 queued mutations to a loopback sandbox, each checked as applied.
bash scripts/bench-push.sh 2>/dev/null | grep "^| "

# The store at a large supplier's size: user action, inbox page, search.
"$target/release/examples/perf" | grep -v "^| figure\|^|---"

echo "| release binary size (stripped, fat LTO, sandbox linked in) | $(stat -c %s "$target/release/supplier-desk") B | | $(awk "BEGIN {printf \"%.2f×\", $(stat -c %s "$target/release/supplier-desk") / 15000000}") of target | ≤ 15 MB |"
