#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Supplier Desk needs to build and run: Tauri's Linux stack
# (webkit2gtk 4.1), libdbus for the keychain (Secret Service), and for a run without a display
# (scripts/run.sh's proof) a virtual display (Xvfb), WebKit's WebDriver, a private D-Bus session
# bus and GNOME Keyring, the keychain of a headless run, and a known font.
#
#   bash scripts/install-system-deps.sh [test]
#
# `test` adds what only the tests and benchmarks use: ImageMagick for screenshots, poppler and
# zbar to read the documents' text and QR codes back, GNU time, Python's venv for the schemathesis
# contract test (scripts/install-schemathesis.sh) and the desktop-entry validator the .deb's
# install test runs (tests/deb_install.rs). Idempotent: does nothing when every package is already present.
set -euo pipefail

packages=(
  libwebkit2gtk-4.1-dev
  libayatana-appindicator3-dev
  librsvg2-dev
  build-essential
  pkg-config
  libssl-dev
  libdbus-1-dev
  gnome-keyring
  xvfb
  xauth
  webkit2gtk-driver
  x11-utils
  dbus-daemon
  dbus-bin
  fonts-dejavu-core
)
if [ "${1:-}" = "test" ]; then
  packages+=(
    imagemagick
    time
    poppler-utils
    zbar-tools
    python3-venv
    desktop-file-utils
  )
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
