#!/usr/bin/env bash
# Sets up what is missing, builds Supplier Desk and starts it on its embedded defaults: a local
# SQLite database in the app-data dir and the bundled portal sandbox on a loopback port.
# Without a display it proves the app works instead: under Xvfb it drives the real window over
# WebDriver, signs in a demo account (made for this run, in a data dir of its own), opens the
# inbox, waits until the first sync has filled it with the sandbox's orders, saves a screenshot
# and prints its path.
#
# The build is the `demo` profile (Cargo.toml): the app's own crates optimised without LTO, the
# dependencies as in a debug build, so that a new machine shows the app within minutes; the .deb
# (scripts/build-deb.sh) and the benchmarks use the release profile.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cargo build --profile demo --features custom-protocol
app=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/demo/supplier-desk

if [ -n "${DISPLAY:-}" ] && xdpyinfo >/dev/null 2>&1; then
  exec "$app" "$@"
fi

echo "No display available: running Supplier Desk under Xvfb to prove it works."
mkdir -p artefacts
log=artefacts/run.log
shot="$PWD/artefacts/run-inbox.png"
: >"$log"
displayfd=$(mktemp)
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$displayfd" 2>/dev/null &
xvfb=$!
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  declare -F stop_keyring_session >/dev/null && stop_keyring_session
  kill "$xvfb" 2>/dev/null || true
  rm -f "$displayfd"
}
trap cleanup EXIT
for _ in $(seq 100); do [ -s "$displayfd" ] && break; sleep 0.1; done
export DISPLAY=":$(tr -d '[:space:]' <"$displayfd")"

# No desktop session either: a session bus and an unlocked GNOME Keyring stand in for it (the
# keyring is kept under the user's cache dir, so the desk finds its key at the next run).
. scripts/headless-session.sh
start_keyring_session "${XDG_CACHE_HOME:-$HOME/.cache}/supplier-desk/headless-session"

# The demo run's own desk: its manager "demo" is made once, then signed in at every run.
demo_dir="${XDG_CACHE_HOME:-$HOME/.cache}/supplier-desk/demo-run"
demo_password="demo-run-password"
if [ ! -s "$demo_dir/.demo-account" ]; then
  mkdir -p "$demo_dir"
  SUPPLIER_DESK_NEW_PASSWORD="$demo_password" "$app" staff-add demo --name "Demo manager" --role manager \
    --data-dir "$demo_dir" >>"$log" 2>&1
  echo demo >"$demo_dir/.demo-account"
fi

# WebKitWebDriver starts the app with automation allowed (as tauri-driver would) and drives it.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TAURI_WEBVIEW_AUTOMATION=true TAURI_AUTOMATION=true WebKitWebDriver --port="$port" >>"$log" 2>&1 &
app_pid=$!
if python3 scripts/demo-window.py "http://127.0.0.1:$port" "$app" "$demo_dir" demo "$demo_password" "$shot"; then
  echo "Screenshot: $shot"
  exit 0
fi
echo "The demo run did not reach the inbox; the log is in $log" >&2
exit 1
