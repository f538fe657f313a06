#!/usr/bin/env bash
# Builds the toolchain that compiles the project for wasm32-unknown-unknown:
# a Debian sid chroot in target/toolchain/sid with rustc, cargo and the wasm32
# standard library (rustup cannot fetch that target here; Debian packages it
# as libstd-rust-dev-wasm32), lld (wasm-ld) and binaryen (wasm-opt), and
# wasm-bindgen-cli in target/toolchain/cargo-home. Run commands in it with
# web/sid.sh.
#   web/toolchain.sh [WASM_BINDGEN_VERSION]
# Each step is skipped when its result is in place, so a second run takes
# seconds and downloads nothing; an interrupted run is finished by the next.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
tc="$root/target/toolchain"
sid="$tc/sid"
mirror="${SID_MIRROR:-http://deb.debian.org/debian}"
# gcc and libc6-dev: cargo install links wasm-bindgen-cli for the host.
# lld is added below, in the version that matches rustc's LLVM.
packages=(rustc cargo libstd-rust-dev-wasm32 binaryen ca-certificates gcc libc6-dev)
export DEBIAN_FRONTEND=noninteractive
cd "$root"

[[ $EUID -eq 0 ]] || { echo "toolchain.sh: needs root (debootstrap, chroot)" >&2; exit 1; }

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate the
# project links, or the generated glue does not match: Cargo.lock decides.
mapfile -t locked < <(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/^version = "|"$/, ""); print }' Cargo.lock 2>/dev/null | sort -u)
((${#locked[@]} <= 1)) || { echo "toolchain.sh: Cargo.lock has several wasm-bindgen versions: ${locked[*]}" >&2; exit 1; }
ver="${locked[0]:-${1:-${WASM_BINDGEN_VERSION:-}}}"
[[ -n $ver ]] || { echo "toolchain.sh: no wasm-bindgen in Cargo.lock; pass its version as an argument or WASM_BINDGEN_VERSION" >&2; exit 1; }

# One run at a time (CI jobs, two terminals).
mkdir -p "$tc"
exec 9>"$tc/.lock"
flock 9

# 1. The chroot: debootstrap into a temporary folder, renamed when complete.
if [[ ! -d $sid ]]; then
  if ! command -v debootstrap >/dev/null || [[ ! -f /usr/share/keyrings/debian-archive-keyring.gpg ]]; then
    apt-get update -q
    apt-get install -y -q --no-install-recommends debootstrap debian-archive-keyring
  fi
  # --one-file-system: never follow a mount out of the leftover folder.
  rm -rf --one-file-system "$sid.partial"
  # In a mount namespace of its own: the proc and sys that debootstrap mounts
  # in the chroot vanish with it, even if it is killed.
  PATH="$PATH:/usr/sbin:/sbin" unshare --mount --propagation private \
    debootstrap --variant=minbase sid "$sid.partial" "$mirror"
  mv "$sid.partial" "$sid"
fi

# 2. The packages. The snapshot of sid served here has an expired Release
# file, hence Check-Valid-Until; recommends would add hundreds of MB.
stamp="$sid/.toolchain-packages"
if [[ "$(cat "$stamp" 2>/dev/null)" != "${packages[*]}" ]]; then
  cat >"$sid/etc/apt/apt.conf.d/99toolchain" <<'EOF'
Acquire::Check-Valid-Until "false";
Acquire::Check-Date "false";
APT::Install-Recommends "false";
EOF
  # dpkg --configure -a finishes what an interrupted install left. The
  # linker is lld-N of rustc's own LLVM (22 for rustc 1.97; the plain lld
  # package is 21), made /usr/local/bin/wasm-ld, the name sid.sh gives
  # cargo. Debian's rustc has rust-lld only with rust-llvm, which brings
  # clang and all of LLVM.
  # shellcheck disable=SC2016 # expanded by the shell in the chroot
  web/sid.sh sh -euc '
    dpkg --configure -a
    apt-get update -q
    apt-get install -y -q "$@"
    v=$(rustc -vV | sed -n "s/^LLVM version: \([0-9]*\).*/\1/p")
    apt-get install -y -q "lld-$v" || apt-get install -y -q lld
    ln -sfv "$(command -v "wasm-ld-$v" || command -v wasm-ld)" /usr/local/bin/wasm-ld
    apt-get clean' sh "${packages[@]}"
  echo "${packages[*]}" >"$stamp"
fi

# 3. wasm-bindgen-cli. cargo records what it installed in .crates.toml only
# after the binaries are in place. Not --locked: the crate's lock file names
# versions (webpki-roots 1.0.11 for 0.2.130) that the crates.io mirror
# reached here does not have. A target dir of its own lets an interrupted
# build resume; it is dropped once installed.
if ! grep -qs "^\"wasm-bindgen-cli $ver " "$tc/cargo-home/.crates.toml" ||
  [[ ! -x $tc/cargo-home/bin/wasm-bindgen ]]; then
  web/sid.sh cargo install wasm-bindgen-cli --version "$ver" --target-dir "$tc/install-target"
  rm -rf "$tc/install-target"
fi

web/sid.sh sh -c 'rustc --version; wasm-bindgen --version; wasm-opt --version; wasm-ld --version'
