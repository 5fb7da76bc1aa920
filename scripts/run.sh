#!/usr/bin/env bash
# Sets up what is missing, builds Supplier Desk and starts it on its embedded defaults: a local
# SQLite database in the app-data dir and the bundled portal sandbox on a loopback port.
# Without a display it runs the app under Xvfb, waits until the window shows its first screen
# (on a new desk: the form that creates the manager's account; after that: sign-in), saves a
# screenshot and prints its path.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cargo build --release --features custom-protocol
app=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/supplier-desk

if [ -n "${DISPLAY:-}" ] && xdpyinfo >/dev/null 2>&1; then
  exec "$app" "$@"
fi

echo "No display available: running Supplier Desk under Xvfb to prove it works."
mkdir -p artefacts
log=artefacts/run.log
shot="$PWD/artefacts/run-first-screen.png"
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

"$app" "$@" >"$log" 2>&1 &
app_pid=$!
for _ in $(seq 240); do
  if grep -q "window shows the [a-z-]* screen" "$log"; then
    sleep 1  # let the last paint land
    import -window root "$shot"
    grep -o "window shows the [a-z-]* screen" "$log" | tail -n 1
    echo "Screenshot: $shot"
    exit 0
  fi
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "Supplier Desk exited before showing its window; its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "The window did not show its first screen within 120 s; the app's log is in $log" >&2
exit 1
