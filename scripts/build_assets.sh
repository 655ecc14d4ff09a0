#!/usr/bin/env bash
# Installs the locked npm packages and copies what the respondent pages serve into a
# gitignored static folder: the DKFDS stylesheet, its IBM Plex Sans fonts and its icons.
# Nothing is fetched at page load from another host (reliability.md S8).
#
#   node_modules/dkfds/dist/css/dkfds.min.css     -> static/vendor/dkfds/css/
#   node_modules/dkfds/dist/fonts/IBMPlexSans/... -> static/vendor/dkfds/fonts/... (woff2, woff)
#   node_modules/dkfds/dist/img/...               -> static/vendor/dkfds/img/...
#
# The folder keeps DKFDS's own layout, so the stylesheet's relative url()s resolve.
# axe-core (a devDependency) stays in node_modules, where the browser tests read it.
set -euo pipefail
cd "$(dirname "$0")/.."

# On a fresh clone (CI runs `make setup` before `make system-deps`) npm may be missing:
# system_deps.sh installs it as root, or says what to run and fails.
command -v npm >/dev/null || scripts/system_deps.sh
npm ci --no-audit --no-fund --loglevel=error

dist=node_modules/dkfds/dist
out=src/parathed/web/static/vendor/dkfds
rm -rf "$out"
mkdir -p "$out/css" "$out/fonts/IBMPlexSans/complete" "$out/img"
cp "$dist/css/dkfds.min.css" "$out/css/"
for format in woff2 woff; do
    cp -r "$dist/fonts/IBMPlexSans/complete/$format" "$out/fonts/IBMPlexSans/complete/"
done
cp -r "$dist/img/svg-icons" "$dist/img/all-svg-icons.svg" "$out/img/"
cp "$dist/LICENSE.md" "$out/"
version=$(node -p 'require("./node_modules/dkfds/package.json").version')
echo "$version" >"$out/VERSION"
echo "build_assets: dkfds $version copied to $out"
