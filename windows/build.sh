#!/usr/bin/env bash
# Builds ita-report.exe for 64-bit Windows into target/windows/ita-report.exe,
# in the Debian sid chroot of the web page's toolchain (web/toolchain.sh):
# sid's Rust source builds the standard library for x86_64-pc-windows-gnu
# (rustup, which would fetch it ready-made, cannot here) and MinGW-w64 links.
#   windows/build.sh             the .exe as published (small: see Cargo.toml)
#   WINDOWS_PROFILE=release windows/build.sh   quicker to build, larger
#   windows/build.sh --check     only whether it compiles
# Each step is skipped when its result is in place; an interrupted run is
# finished by the next. The .exe needs no DLL beyond Windows' own.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
cd "$root"
sid="$root/target/toolchain/sid"
packages=(rust-src gcc-mingw-w64-x86-64-win32)

web/toolchain.sh >/dev/null

# The packages beside the web page's, stamped on their own. The win32
# flavour of MinGW's gcc: Rust's std has threads of its own, and this one
# links its runtime statically (no libwinpthread DLL to ship).
stamp="$sid/.toolchain-windows"
if [[ "$(cat "$stamp" 2>/dev/null)" != "${packages[*]}" ]]; then
  web/sid.sh sh -euc '
    dpkg --configure -a
    apt-get update -q
    apt-get install -y -q "$@"
    apt-get clean' sh "${packages[@]}"
  echo "${packages[*]}" >"$stamp"
fi

# shellcheck source=windows/env.sh
source windows/env.sh
build_dir="$root/target/windows-build"

# --check: whether the Windows code compiles, in minutes (what CI runs).
if [[ ${1:-} == --check ]]; then
  sid_cargo "$build_dir" check --locked --bin ita-report
  exit
fi
profile="${WINDOWS_PROFILE:-windows}"
sid_cargo "$build_dir" build --locked --bin ita-report --profile "$profile"
dir="$profile"
[[ $profile == dev ]] && dir=debug

# Copied beside and moved in whole: a half-copied .exe is never there.
mkdir -p target/windows
cp "$build_dir/$windows_target/$dir/ita-report.exe" target/windows/ita-report.exe.next
mv target/windows/ita-report.exe.next target/windows/ita-report.exe
echo "windows/build.sh: target/windows/ita-report.exe ($(du -h target/windows/ita-report.exe | cut -f1))"
