#!/usr/bin/env bash
# Opens DIR/report.html in headless Chromium and saves a PNG screenshot of the whole page (default DIR/report.png):
# the page is drawn in a window taller than any report (SCREENSHOT_HEIGHT, default 20000 px) and the empty rows
# below its end are cut (with Python's Pillow when it is installed; otherwise the image keeps them).
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
height=${SCREENSHOT_HEIGHT:-20000}
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$target" \
    --window-size=1280,"$height" "file://$absolute" 2>/dev/null
if [ ! -s "$target" ]; then
    echo "error: chromium wrote no screenshot to $target" >&2
    exit 1
fi
if python3 -c "import PIL" 2>/dev/null; then
    python3 - "$target" <<'PY'
import sys
from PIL import Image, ImageChops
path = sys.argv[1]
image = Image.open(path).convert("RGB")
background = Image.new("RGB", image.size, image.getpixel((image.width - 1, image.height - 1)))
box = ImageChops.difference(image, background).getbbox()
if box:
    image.crop((0, 0, image.width, min(image.height, box[3] + 24))).save(path, optimize=True)
PY
else
    echo "note: Pillow is not installed (pip install pillow): the screenshot keeps the empty rows below the page" >&2
fi
echo "screenshot: $target"
