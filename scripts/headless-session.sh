# Sourced by scripts that run the app where no desktop session is: a session bus and an unlocked
# GNOME Keyring stand in for the ones a desktop login starts, so the desk keeps its database key
# in a keychain as it does on a desktop.
#
#   start_keyring_session DIR   # the keyring lives in DIR (made once, with a random login
#                               # password kept beside it, readable by this user only);
#                               # exports DBUS_SESSION_BUS_ADDRESS
#   stop_keyring_session

keyring_session_pids=()
keyring_session_tmp=""

start_keyring_session() {
  local dir=$1
  mkdir -p "$dir/data" && chmod 700 "$dir"
  [ -s "$dir/login-password" ] || (umask 077; head -c 24 /dev/urandom | base64 >"$dir/login-password")
  keyring_session_tmp=$(mktemp -d)
  dbus-daemon --session --nofork --nopidfile --print-address=3 3>"$keyring_session_tmp/address" &
  keyring_session_pids+=($!)
  for _ in $(seq 100); do [ -s "$keyring_session_tmp/address" ] && break; sleep 0.1; done
  DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$keyring_session_tmp/address")
  export DBUS_SESSION_BUS_ADDRESS
  mkdir -m 700 "$keyring_session_tmp/run"
  XDG_DATA_HOME="$dir/data" XDG_RUNTIME_DIR="$keyring_session_tmp/run" \
    gnome-keyring-daemon --foreground --unlock --components=secrets <"$dir/login-password" >/dev/null 2>&1 &
  keyring_session_pids+=($!)
  for _ in $(seq 100); do
    dbus-send --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
      string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && return 0
    sleep 0.1
  done
  echo "GNOME Keyring did not start on the session bus" >&2
  return 1
}

stop_keyring_session() {
  local pid
  for pid in "${keyring_session_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  keyring_session_pids=()
  [ -n "$keyring_session_tmp" ] && rm -rf "$keyring_session_tmp"
  keyring_session_tmp=""
}
