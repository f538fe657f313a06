#!/usr/bin/env bash
# Tries target/windows/ita-report.exe (windows/build.sh) under wine, in the
# toolchain's Debian sid chroot, against the Linux build of the same
# sources (cargo build --release):
#   1. the example and every buildable test input build to the same PDF
#      bytes, and DOCX files of the same content (the zip entries' "made
#      by" byte is the system's, so entries are compared, not the bytes);
#   2. `check` of each bad test input prints what Linux prints (the paths'
#      separators and the system's words for an error aside) and exits as
#      Linux does; a logo named NUL.png is refused as /dev/zero is there;
#   3. messages name paths with backslashes alone;
#   4. a PDF held open by another program is reported in Thai and English,
#      and the outputs stay as they were;
#   5. without arguments, the .exe serves the start page, whose new-file
#      form writes a starter and opens the editor of it at its address.
# Prints each step's result and exits 1 on the first failure.
#   windows/test.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
cd "$root"
sid="$root/target/toolchain/sid"
exe="$root/target/windows/ita-report.exe"
linux="$root/target/release/ita-report"
work="$root/target/windows/test"
[[ -f $exe ]] || { echo "windows/test.sh: no $exe; run windows/build.sh" >&2; exit 1; }

stamp="$sid/.toolchain-wine"
if [[ "$(cat "$stamp" 2>/dev/null)" != wine ]]; then
  web/sid.sh sh -euc 'dpkg --configure -a; apt-get update -q; apt-get install -y -q wine wine64; apt-get clean'
  echo wine >"$stamp"
fi
cargo build --release --locked --bin ita-report >"$root/target/windows/linux-build.log" 2>&1 ||
  { cat "$root/target/windows/linux-build.log"; echo "windows/test.sh: the Linux build failed" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
# wine in the chroot, the project mounted at its own path (Z: is /).
# wine's own warnings would mingle with the program's messages: its
# runtime folder is given, its debug channels off.
wine_env=(env WINEPREFIX="$root/target/windows/wine-prefix" WINEDEBUG=-all HOME=/root XDG_RUNTIME_DIR=/tmp/wine-runtime)
web/sid.sh sh -c 'mkdir -p -m 700 /tmp/wine-runtime'
# Debian keeps wineserver off the PATH.
wineserver=/usr/lib/x86_64-linux-gnu/wine/wineserver
web/sid.sh test -x "$wineserver" || { echo "windows/test.sh: no $wineserver in the chroot" >&2; exit 1; }
# Each call ends its wineserver: a later call is in a mount namespace of
# its own (web/sid.sh), where a server left from an earlier one sees no
# files.
in_wine() {
  # shellcheck disable=SC2016 # the inner shell's
  "$root/web/sid.sh" "${wine_env[@]}" sh -c '"$@"; rc=$?; '"$wineserver"' -k 2>/dev/null; exit $rc' sh "$@"
}
win() { in_wine wine "$exe" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# 1. The same documents.
inputs=(data/hannangam-2568.yaml tests/inputs/*.yaml)
"$linux" build -o "$work/linux" "${inputs[@]}" >/dev/null 2>&1 || true
win build -o "$work/wine" "${inputs[@]}" >"$work/build.out" 2>&1 || true
built=0
for pdf in "$work"/linux/*.pdf; do
  name="$(basename "$pdf" .pdf)"
  cmp -s "$pdf" "$work/wine/$name.pdf" || fail "$name.pdf differs from the Linux build's"
  python3 - "$work/linux/$name.docx" "$work/wine/$name.docx" <<'PY' || fail "$name.docx differs in content"
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:])
assert a.namelist() == b.namelist(), "entries"
for n in a.namelist():
    assert a.read(n) == b.read(n), n
PY
  built=$((built + 1))
done
((built >= 5)) || fail "only $built documents built"
ok "$built documents: the same PDF bytes and DOCX content as on Linux"

# 2. check of bad inputs.
checked=0
for bad in tests/inputs/bad/*.yaml; do
  # A Linux device, named as such: its Windows counterpart is below.
  [[ $bad == */logo-is-a-device.yaml ]] && continue
  set +e
  "$linux" check "$bad" >"$work/linux.check" 2>&1
  lrc=$?
  win check "$bad" >"$work/wine.check" 2>&1
  wrc=$?
  set -e
  ((lrc == wrc)) || fail "check $bad exits $wrc under wine, $lrc on Linux"
  # The file as given, its separators the system's; the system's own
  # words for an error (its number kept).
  python3 - "$bad" "$work/linux.check" "$work/wine.check" <<'PY'
import re, sys
bad = sys.argv[1]
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read().replace("\r", "").replace(bad.replace("/", "\\"), bad)
    text = re.sub(r": [^:()]*\(os error (\d+)\)", r": (os error \1)", text)
    open(path + ".norm", "w", encoding="utf-8").write(text)
PY
  cmp -s "$work/linux.check.norm" "$work/wine.check.norm" ||
    { diff "$work/linux.check.norm" "$work/wine.check.norm" | head -20; fail "check $bad prints otherwise under wine"; }
  checked=$((checked + 1))
done
ok "$checked bad inputs: check prints the same located messages and exit codes"
sed 's#/dev/zero#NUL.png#' tests/inputs/bad/logo-is-a-device.yaml >"$work/logo-is-a-device.yaml"
win check "$work/logo-is-a-device.yaml" >"$work/device.check" 2>&1 && fail "a logo named NUL.png passed"
grep -q 'agency.logo: NUL.png ไม่ใช่ไฟล์รูปภาพ' "$work/device.check" || { cat "$work/device.check"; fail "NUL.png not refused as a device"; }
win check "$work/nul.yaml" >"$work/device.check" 2>&1 && fail "check of nul.yaml passed"
grep -q 'ไม่ใช่ไฟล์ข้อมูล' "$work/device.check" || { cat "$work/device.check"; fail "nul.yaml not refused as a device"; }
ok "a logo named NUL.png and an input named nul.yaml are refused as devices, as /dev/zero is on Linux"

# 3. Paths with backslashes alone.
win build -o "$work/sep/a/b" data/hannangam-2568.yaml >"$work/sep.out" 2>&1 || fail "build to a nested folder"
grep -q '\\sep\\a\\b\\hannangam-2568.pdf' "$work/sep.out" || { cat "$work/sep.out"; fail "the output's path is not written with backslashes"; }
! grep -q 'sep/' "$work/sep.out" || { cat "$work/sep.out"; fail "a slash in a printed path"; }
ok "printed paths use backslashes"

# 4. A PDF held open as Word holds a document (windows/hold), while the
# build runs, with the same wineserver.
# shellcheck source=windows/env.sh
source windows/env.sh
sid_cargo "$root/target/windows-hold" build -q --manifest-path windows/hold/Cargo.toml --release
hold="$root/target/windows-hold/$windows_target/release/hold.exe"
held="$work/held"
win build -o "$held" data/hannangam-2568.yaml >/dev/null 2>&1
cp "$held/hannangam-2568.docx" "$work/docx.before"
cp "$held/hannangam-2568.pdf" "$work/pdf.before"
set +e
# hold lets go when its second file is gone (at most a minute on).
touch "$work/holding"
# shellcheck disable=SC2016 # the inner shell's
in_wine sh -c 'wine "$1" "$2" "$5" >"$2.held" &
  i=0; while ! grep -qs held "$2.held"; do i=$((i + 1)); [ $i -lt 300 ] || exit 99; sleep 0.2; done
  wine "$3" build -o "$4" data/hannangam-2568.yaml; rc=$?; rm -f "$5"; wait; exit $rc' \
  sh "$hold" "$held/hannangam-2568.pdf" "$exe" "$held" "$work/holding" >"$work/held.out" 2>&1
rc=$?
set -e
((rc != 99)) || fail "hold.exe did not take the PDF"
((rc != 0)) || { cat "$work/held.out"; fail "a build over a held PDF said ok"; }
grep -q 'ปิดไฟล์ใน Word' "$work/held.out" || { cat "$work/held.out"; fail "no word of the file being open"; }
cmp -s "$held/hannangam-2568.docx" "$work/docx.before" || fail "the DOCX changed although the PDF could not be replaced"
cmp -s "$held/hannangam-2568.pdf" "$work/pdf.before" || fail "the held PDF changed"
compgen -G "$held/.ita-report-*" >/dev/null && fail "temporary files or a journal left"
win build -o "$held" data/hannangam-2568.yaml >/dev/null 2>&1 || fail "the build once the PDF is closed"
ok "a held PDF: said in Thai and English, the outputs as they were; built once closed"

# 5. No arguments: the start page, then the editor on a new file.
start="$work/start"
mkdir -p "$start"
(cd "$start" && in_wine wine "$exe" >"$work/start.out" 2>&1) &
server=$!
# The server ends with the script: wineserver -k ends this prefix's
# programs, whichever namespace started them.
trap 'in_wine true; kill $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do grep -q 'token=' "$work/start.out" 2>/dev/null && break; sleep 1; done
url="$(grep -o 'http://127.0.0.1:[0-9]*/?token=[0-9a-f]*' "$work/start.out" | head -1)"
[[ -n $url ]] || { cat "$work/start.out"; fail "no start page"; }
python3 - "$url" "$start" <<'PY' || fail "the start page"
import http.cookiejar, os, sys, urllib.parse, urllib.request
url, folder = sys.argv[1:]
base = url.split("/?")[0]
jar = http.cookiejar.CookieJar()
web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = web.open(url).read().decode()
assert "เริ่มเอกสารใหม่" in page, page
form = urllib.parse.urlencode({"agency": "ทดสอบ", "year": "2568", "name": "ทดลอง"}).encode()
req = urllib.request.Request(base + "/new", data=form, headers={"Origin": base})
class Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a): return None
try:
    urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), Stay).open(req)
    raise SystemExit("no redirect")
except urllib.error.HTTPError as e:
    assert e.code == 303, e.code
    assert e.headers["Location"] == "/", e.headers["Location"]
text = open(os.path.join(folder, "ทดลอง.yaml"), encoding="utf-8").read()
assert "fiscal_year: 2568" in text and "ทดสอบ" in text, text[:400]
# The editor of it, at the same address, signed in.
state = web.open(base + "/api/state").read().decode()
assert "ทดสอบ" in state, state[:400]
PY
ok "no arguments: the start page wrote ทดลอง.yaml and the editor of it took its address"
echo "windows/test.sh: all passed"
