#!/usr/bin/env bash
# Installs schemathesis (the OpenAPI property-based tester from PyPI) into a virtual environment
# of its own, for the sandbox's contract test (crates/portal-sandbox/tests/schemathesis.rs).
# Needs Debian's python3-venv (scripts/install-system-deps.sh). Idempotent: does nothing when
# the pinned version is installed already. Prints nothing else; the executable is
# "$venv/bin/schemathesis" (set SCHEMATHESIS_VENV to put the venv elsewhere).
set -euo pipefail

version=4.32.5
venv="${SCHEMATHESIS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/supplier-desk/schemathesis}"
bin="$venv/bin/schemathesis"

installed() {
  [ -x "$venv/bin/python" ] &&
    [ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null)" = "$version" ] &&
    [ -x "$bin" ]
}
installed && exit 0

# Debian's interpreter, which python3-venv serves; another python3 on PATH otherwise.
python=/usr/bin/python3
[ -x "$python" ] || python=python3

echo "Installing schemathesis $version into $venv"
if [ ! -x "$venv/bin/python" ]; then
  mkdir -p "$(dirname "$venv")"
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$version"
installed || { echo "schemathesis $version did not install into $venv" >&2; exit 1; }
