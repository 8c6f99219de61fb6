#!/bin/sh
# deps.sh: makes sure the Debian packages the build needs are present.
# As root it installs what is missing; otherwise it prints the command to run.
set -u
pkgs="libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libpango1.0-dev libcairo2-dev libqrencode-dev libfontconfig-dev libdeflate-dev libxxhash-dev zlib1g-dev libmicrohttpd-dev libjpeg62-turbo-dev libpng-dev libexif-dev libicu-dev libharfbuzz-dev fonts-noto-cjk pkg-config gettext"
missing=""
if ! command -v pkg-config >/dev/null 2>&1; then
	missing="$pkgs"
else
	for m in libcmark-gfm:libcmark-gfm-dev yaml-0.1:libyaml-dev pangocairo:libpango1.0-dev \
	    cairo:libcairo2-dev libqrencode:libqrencode-dev fontconfig:libfontconfig-dev \
	    libdeflate:libdeflate-dev libxxhash:libxxhash-dev zlib:zlib1g-dev \
	    libmicrohttpd:libmicrohttpd-dev libjpeg:libjpeg62-turbo-dev \
	    libpng:libpng-dev libexif:libexif-dev icu-uc:libicu-dev \
	    harfbuzz-subset:libharfbuzz-dev; do
		mod=${m%%:*}; deb=${m#*:}
		pkg-config --exists "$mod" 2>/dev/null || missing="$missing $deb"
	done
	# the extensions' headers come in a package of their own
	[ -f /usr/include/cmark-gfm-core-extensions.h ] ||
	    missing="$missing libcmark-gfm-extensions-dev"
	fc-list 2>/dev/null | grep -q 'Noto Sans CJK' || missing="$missing fonts-noto-cjk"
	# msgfmt compiles the Chinese messages
	command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "installing build dependencies:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2 && apt-get install -y -q $missing >&2 && exit 0
	echo "deps: apt-get failed" >&2
	exit 1
fi
echo "noticeboard needs these Debian packages:$missing" >&2
echo "install them with: sudo apt-get update && sudo apt-get install -y$missing" >&2
exit 1
