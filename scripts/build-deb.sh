#!/usr/bin/env bash
# Builds Supplier Desk's Debian package (.deb) and prints its path (the only line on stdout).
#
#   bash scripts/build-deb.sh            # the release package, as shipped
#   bash scripts/build-deb.sh --debug    # the same package from the debug build
#
# Sets up what is missing (scripts/setup.sh: system packages, the UI's npm modules — among them
# the Tauri CLI, pinned in ui/package.json to the tauri crate's version — and the UI's build), then
# runs `tauri build --bundles deb`: a release build of the app with the `custom-protocol` feature
# (the UI served from the embedded assets, as scripts/run.sh builds it), bundled with the icons,
# a desktop entry and the dependencies declared in tauri.conf.json (`bundle.linux.deb.depends`,
# besides the webkit2gtk and GTK packages Tauri adds itself). The package is copied to
# `<target dir>/deb/supplier-desk_<version>_<arch>.deb`, Debian's naming, for
# `apt-get install ./…` or `dpkg -i`. Works offline once the modules are installed.
#
# `--debug` packages the debug build instead (into `<target dir>/deb-debug/`): the same files,
# icons, desktop entry and dependencies, and a build that shares its dependencies with the
# workspace's test build. tests/deb_install.rs installs that one, so that the test command does not
# pay for a second, optimised build of every dependency; the release package is what is shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=release
case "${1:-}" in
  "") ;;
  --debug) profile=debug ;;
  *) echo "usage: $0 [--debug]" >&2; exit 2 ;;
esac
# Everything but the package's path goes to stderr, so that `deb=$(bash scripts/build-deb.sh)`
# works.
exec 3>&1 1>&2

bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

# tauri.conf.json sits at the top of the repository, beside the app's Cargo.toml, and the UI in
# ui/; crates/bare-window has a tauri.conf.json of its own, so the CLI is told which is the app's
# rather than left to find one.
export TAURI_APP_PATH="$PWD" TAURI_FRONTEND_PATH="$PWD/ui"
started=$SECONDS
debug_flag=()
[ "$profile" = debug ] && debug_flag=(--debug)
ui/node_modules/.bin/tauri build --ci "${debug_flag[@]}" --bundles deb --features custom-protocol
echo "build-deb: built in $((SECONDS - started)) s"

target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
version=$(python3 -c 'import json,sys; print(json.load(open("tauri.conf.json"))["version"])')
arch=$(dpkg --print-architecture)
bundled=("$target/$profile"/bundle/deb/*_"${version}"_"${arch}".deb)
if [ ! -f "${bundled[0]}" ] || [ ${#bundled[@]} -ne 1 ]; then
  echo "build-deb: expected one package for $version/$arch in $target/$profile/bundle/deb, found: ${bundled[*]}"
  exit 1
fi
package=$(dpkg-deb --field "${bundled[0]}" Package)
out="$target/deb"
[ "$profile" = debug ] && out="$target/deb-debug"
mkdir -p "$out"
deb="$out/${package}_${version}_${arch}.deb"
cp "${bundled[0]}" "$deb"
echo "build-deb: $(dpkg-deb --field "$deb" Package) $(dpkg-deb --field "$deb" Version), $(stat -c %s "$deb") bytes; depends: $(dpkg-deb --field "$deb" Depends)"
echo "$deb" >&3
