#!/usr/bin/env bash
# Builds the web page into target/web/: index.html at its root, the core as
# WebAssembly in target/web/pkg/ita_report.js (and _bg.wasm), the editor's
# page (page/) with the web page's host (web/site/). Serve the folder with
# any static server, e.g. `python3 -m http.server -d target/web`.
#   web/build.sh                    the optimised module (what is published)
#   WEB_PROFILE=release web/build.sh  quicker to build, larger
# The toolchain (web/toolchain.sh) is made first if it is not there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
cd "$root"
profile="${WEB_PROFILE:-web}"
out="$root/target/web"
wasm_target="$root/target/wasm"

web/toolchain.sh >/dev/null

# getrandom's backend in the browser is the page's crypto.getRandomValues.
RUSTFLAGS='--cfg getrandom_backend="wasm_js"' CARGO_TARGET_DIR="$wasm_target" \
  web/sid.sh cargo build --locked -p ita-report-web --lib --target wasm32-unknown-unknown --profile "$profile"
dir="$profile"
[[ $profile == dev ]] && dir=debug
module="$wasm_target/wasm32-unknown-unknown/$dir/ita_report_web.wasm"

# Written beside the site and moved in whole, so that a half-built site is
# never served.
next="$out.next"
rm -rf "$next"
mkdir -p "$next/pkg"
web/sid.sh wasm-bindgen --target web --no-typescript --out-name ita_report --out-dir "$next/pkg" "$module"
if [[ $profile != dev ]]; then
  web/sid.sh wasm-opt -Os -o "$next/pkg/ita_report_bg.wasm" "$next/pkg/ita_report_bg.wasm"
fi
cp page/editor.css page/editor.js page/help.js page/dates.js page/form.js page/results.js page/problems.js page/paste.js page/years.js web/site/*.js "$next/"
sed 's#<script src="host-local.js"></script>#<script src="host-web.js"></script>#' page/index.html >"$next/index.html"
grep -q 'host-web.js' "$next/index.html" || { echo "web/build.sh: page/index.html names no host-local.js" >&2; exit 1; }
rm -rf "$out"
mv "$next" "$out"
echo "web/build.sh: the site is in target/web ($(du -sh "$out/pkg/ita_report_bg.wasm" | cut -f1) module)"
