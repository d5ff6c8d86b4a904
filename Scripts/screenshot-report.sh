#!/usr/bin/env bash
# Opens DIR/report.html in headless Chromium and saves a PNG screenshot (default DIR/report.png).
# Installs Debian's chromium package when no chromium is on PATH (apt-get; sudo when not root).
# Usage: Scripts/screenshot-report.sh DIR [OUT.png]
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 DIR [OUT.png]   (DIR holds report.html, written by seplaw sweep or seplaw report DIR)" >&2
    exit 2
fi
dir=$1
report="$dir/report.html"
if [ ! -f "$report" ]; then
    echo "error: $report does not exist; run: seplaw report $dir" >&2
    exit 2
fi
out=${2:-$dir/report.png}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "installing Debian's chromium package (apt-get) ..." >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
    browser=$(command -v chromium)
fi
absolute=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
case "$out" in
    /*) target=$out ;;
    *) target=$(pwd)/$out ;;
esac
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$target" \
    --window-size=1280,2400 "file://$absolute" 2>/dev/null
if [ ! -s "$target" ]; then
    echo "error: chromium wrote no screenshot to $target" >&2
    exit 1
fi
echo "screenshot: $target"
