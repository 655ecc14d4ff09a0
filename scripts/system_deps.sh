#!/usr/bin/env bash
# Installs the Debian packages that tests, decks and the demo need, if missing.
#
#   postgresql               throwaway test servers (scripts/with_postgres.py)
#   chromium                 e2e browser journeys (Playwright drives Debian's build)
#   libreoffice-impress      headless .pptx -> .pdf; pulls in -core (PDF export)
#                            and -draw, which is all `soffice --convert-to pdf` needs
#   poppler-utils            pdftoppm, to turn rendered decks into PNG pages
#   fonts-dejavu-core        default UI/fallback font
#   fonts-liberation         metric twins of Arial/Times/Courier
#   fonts-crosextra-carlito  metric twin of Calibri, the Office theme font, so
#                            decks keep their line breaks when rendered
#   nodejs npm               `npm ci` for the DKFDS assets and axe-core (package-lock.json)
#
# Recommends are left out: for these packages they are media codecs, printing,
# desktop helpers and Java, none of which headless conversion uses.
# A no-op (dpkg checks only) when everything is present. Root installs; anyone
# else gets the command to run and exit code 1.
set -euo pipefail

packages=(
    postgresql
    chromium
    libreoffice-impress
    poppler-utils
    fonts-dejavu-core
    fonts-liberation
    fonts-crosextra-carlito
    nodejs
    npm
)

missing=()
for package in "${packages[@]}"; do
    # Node from elsewhere (e.g. NodeSource, which bundles npm) counts as present.
    [[ $package == nodejs || $package == npm ]] && command -v "$package" >/dev/null && continue
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
    echo "system-deps: all present (${packages[*]})"
    exit 0
fi

apt_install="DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if ((EUID != 0)); then
    echo "system-deps: missing Debian packages: ${missing[*]}" >&2
    echo "Install them as root with:" >&2
    echo "  apt-get update && $apt_install" >&2
    exit 1
fi

echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt_options=(-q -o DPkg::Lock::Timeout=300)
apt-get "${apt_options[@]}" update
apt-get "${apt_options[@]}" install -y --no-install-recommends "${missing[@]}"

# The packages' commands, checked once after installing.
for command in soffice pdftoppm chromium; do
    command -v "$command" >/dev/null || {
        echo "system-deps: $command still missing after install" >&2
        exit 1
    }
done
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || {
    echo "system-deps: initdb still missing after install" >&2
    exit 1
}
echo "system-deps: done"
