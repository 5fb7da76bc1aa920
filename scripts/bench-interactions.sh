#!/usr/bin/env bash
# The window's timings (a key typed in the inbox search, a screen chosen, an order opened; each to
# the frame that shows its result) on a desk already synced with a large supplier, as rows of the
# table scripts/bench.sh prints. A manager "bench" is added to the desk once; the release app runs
# under WebKitWebDriver (under Xvfb without a display) and scripts/bench-interactions.py drives it.
#
#   bash scripts/bench-interactions.sh DESK_DATA_DIR PORTAL_URL
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 DESK_DATA_DIR PORTAL_URL" >&2; exit 2; }
data_dir=$(realpath -e "$1")
portal=$2
cd "$(dirname "$0")/.."
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
app=${APP:-$target/release/supplier-desk}
password="bench-password"
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

if [ ! -s "$data_dir/.bench-account" ]; then
  SUPPLIER_DESK_NEW_PASSWORD="$password" "$app" staff-add bench --name "Bench manager" --role manager \
    --data-dir "$data_dir" >&2
  echo bench >"$data_dir/.bench-account"
fi
if [ -z "${DISPLAY:-}" ] || ! xdpyinfo >/dev/null 2>&1; then
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
  export DISPLAY=":$(tr -d '[:space:]' <"$work/display")"
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TAURI_WEBVIEW_AUTOMATION=true TAURI_AUTOMATION=true WebKitWebDriver --port="$port" >"$work/driver.log" 2>&1 &
pids+=($!)
python3 scripts/bench-interactions.py "http://127.0.0.1:$port" "$app" "$data_dir" "$portal" bench "$password" \
  || { tail -n 30 "$work/driver.log" >&2; exit 1; }
