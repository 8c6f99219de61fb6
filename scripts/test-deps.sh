#!/bin/sh
# test-deps.sh: makes sure the tools `make check` uses are present: poppler
# (pdfinfo, pdffonts, pdftotext, pdftoppm), zbar (zbarimg), Graphviz (dot),
# Python 3 with PyYAML, ImageMagick and exiftool (the photos), mandoc, curl (the preview server's client),
# Chromium, a Java runtime (the Nu HTML Checker), valgrind, clang (the
# fuzzer) and Node.js with the site checkers of tests/site/package.json.
# As root it installs what is missing (Debian packages with apt-get, then
# `npm ci`); otherwise it says what to install, and the tests that need a
# missing tool fail with their own message.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
missing=""
need() { # command, Debian package
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
need pdfinfo poppler-utils
need zbarimg zbar-tools
need dot graphviz
need python3 python3
# the photos' suite makes its pictures and reads their metadata
need convert imagemagick
need exiftool libimage-exiftool-perl
python3 -c 'import yaml' 2>/dev/null || missing="$missing python3-yaml"
need mandoc mandoc
need curl curl
need chromium chromium
need java default-jre-headless
need valgrind valgrind
need clang clang
# the unit tests link ICU's word breaking as the program does
pkg-config --exists icu-uc 2>/dev/null || missing="$missing libicu-dev"
# the site's checkers run on playwright-core, which wants a recent Node.js:
# one already installed (a newer one than Debian's) is used as it is
command -v node >/dev/null 2>&1 || missing="$missing nodejs npm"

if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "installing test tools:$missing" >&2
		export DEBIAN_FRONTEND=noninteractive
		{ apt-get update -q && apt-get install -y -q \
		    --no-install-recommends $missing; } >&2 ||
		    { echo "test-deps: apt-get failed" >&2; exit 1; }
	else
		echo "the tests need these Debian packages:$missing" >&2
		echo "install them with: sudo apt-get update && sudo apt-get install -y$missing" >&2
		exit 0
	fi
fi

# the site's HTML and accessibility checkers, pinned by package-lock.json
if [ ! -d "$root/tests/site/node_modules/playwright-core" ] &&
    command -v npm >/dev/null 2>&1; then
	echo "installing the site checkers (npm ci in tests/site)" >&2
	(cd "$root/tests/site" && npm ci --ignore-scripts --no-audit --no-fund >&2) ||
	    echo "test-deps: npm ci failed; the site's browser checks will fail" >&2
fi
exit 0
