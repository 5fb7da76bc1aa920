#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Supplier Desk needs to build, run and test:
# Tauri's Linux stack (webkit2gtk 4.1), a virtual display for headless runs and
# window tests (Xvfb), WebKit's WebDriver, a screenshot tool, and a private D-Bus session bus
# with its monitor (the window tests watch the app's desktop notifications there), Python's
# venv for the schemathesis contract test (scripts/install-schemathesis.sh), the desktop-entry
# validator the .deb's install test runs (tests/deb_install.rs), and libdbus for the keychain
# (Secret Service) and GNOME Keyring, the keychain of a headless run and of the keychain test.
# Idempotent: does nothing when every package is already present.
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
  imagemagick
  x11-utils
  time
  fonts-dejavu-core
  poppler-utils
  zbar-tools
  dbus-daemon
  dbus-bin
  python3-venv
  desktop-file-utils
)

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
