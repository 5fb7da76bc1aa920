#!/usr/bin/env bash
# Prepares a fresh Debian/Ubuntu machine (with git, Rust and Node) to build Supplier Desk:
# system packages, the UI's npm modules and its build. `setup.sh test` also installs
# tauri-driver for the window tests and schemathesis for the sandbox's contract test. Safe to
# run again: each step skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh "${1:-}"

# npm modules, reinstalled only when the lock file changed since the last install.
stamp=ui/node_modules/.lock-installed
if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
  echo "Installing the UI's npm modules"
  (cd ui && npm ci --no-audit --no-fund)
  cp ui/package-lock.json "$stamp"
fi

# The UI's build, again only when the UI's files (all of ui/ but its modules and the build
# itself) differ from those of the last build: a rebuild rewrites ui/dist, which the app embeds,
# so it would make cargo rebuild the app (minutes for a release build with fat LTO) even when
# nothing changed.
ui_sum=$(cd ui && find . \( -path ./node_modules -o -path ./dist \) -prune -o -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum)
built=ui/node_modules/.ui-built
if [ ! -f ui/dist/index.html ] || [ ! -f "$built" ] || [ "$(cat "$built")" != "$ui_sum" ]; then
  echo "Building the UI"
  (cd ui && npm run --silent build)
  echo "$ui_sum" >"$built"
fi

# The format and lint checks of the test command: part of rustup's default profile, added when
# a minimal profile left them out.
if [ "${1:-}" = "test" ]; then
  for tool in rustfmt clippy; do
    if ! cargo "${tool/rustfmt/fmt}" --version >/dev/null 2>&1; then
      echo "Adding the Rust component $tool"
      rustup component add "$tool"
    fi
  done
fi

if [ "${1:-}" = "test" ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "Installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

if [ "${1:-}" = "test" ]; then
  bash scripts/install-schemathesis.sh
fi
