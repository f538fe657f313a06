#!/usr/bin/env bash
# Runs CMD ARGS... inside the Debian sid chroot that web/toolchain.sh builds
# (target/toolchain/sid), as root, in the current directory:
#   web/sid.sh cargo build --release --target wasm32-unknown-unknown
# The project folder is bind-mounted at its own path, so paths are the same
# inside and out. SID_BIND="DIR..." mounts more host folders the same way.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
tc="$root/target/toolchain"
sid="$tc/sid"

[[ $EUID -eq 0 ]] || { echo "sid.sh: needs root (mount, chroot)" >&2; exit 1; }
(($#)) || { echo "usage: web/sid.sh CMD [ARGS...]" >&2; exit 2; }
[[ -x $sid/usr/bin/env ]] || { echo "sid.sh: no chroot at $sid; run web/toolchain.sh" >&2; exit 1; }

# The mounts are made in a mount namespace of this process alone: the host
# never sees them, and the kernel drops them when the command ends, even on
# SIGKILL. A mount left behind would be dangerous: `rm -rf target` or
# `cargo clean` would follow target/toolchain/sid/work/... into the project.
if [[ ${SID_SH_IN_NS:-} != 1 ]]; then
  SID_SH_IN_NS=1 exec unshare --mount --propagation private bash "$root/web/sid.sh" "$@"
fi

cwd="$(pwd -P)"
binds=("$root")
read -r -a extra <<<"${SID_BIND:-}"
for d in "${extra[@]}"; do binds+=("$(cd "$d" && pwd -P)"); done
case "$cwd/" in
  "$root"/*) ;;
  *) inside=0
     for d in "${extra[@]}"; do [[ $cwd/ == "$(cd "$d" && pwd -P)"/* ]] && inside=1; done
     ((inside)) || { echo "sid.sh: $cwd is not in the project; cd into it or add it to SID_BIND" >&2; exit 1; } ;;
esac

# Unmounted in reverse order on any exit; INT/TERM are turned into exits so
# that the EXIT trap runs (the namespace would drop them anyway).
mounted=()
cleanup() {
  local rc=$? i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
  done
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
bind() {
  mkdir -p "$sid$2"
  mount --bind "$1" "$sid$2"
  mounted+=("$sid$2")
}
bind /proc /proc
bind /dev /dev
bind /dev/pts /dev/pts
bind /sys /sys
for d in "${binds[@]}"; do bind "$d" "$d"; done

# Name resolution as on the host: there /etc/hosts points crates.io and
# deb.debian.org at a proxy. Copied, not mounted, as apt may replace them.
for f in /etc/resolv.conf /etc/hosts; do
  cmp -s "$f" "$sid$f" || cp -L --remove-destination "$f" "$sid$f"
done

# The proxy's TLS certificate is trusted through the host's CA bundle; it is
# copied beside the chroot's own (which update-ca-certificates rewrites).
env_in=()
ca="${CARGO_HTTP_CAINFO:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}}"
if [[ -f $ca ]]; then
  mkdir -p "$sid/etc/ssl"
  cmp -s "$ca" "$sid/etc/ssl/host-ca.crt" || cp "$ca" "$sid/etc/ssl/host-ca.crt"
  for v in SSL_CERT_FILE CARGO_HTTP_CAINFO CURL_CA_BUNDLE GIT_SSL_CAINFO; do
    env_in+=("$v=/etc/ssl/host-ca.crt")
  done
fi

# cargo's registry settings as on the host: its config file, if it has one,
# is mirrored into the toolchain's cargo home.
cargo_home="$tc/cargo-home"
mkdir -p "$cargo_home"
host_cfg="${CARGO_HOME:-$HOME/.cargo}/config.toml"
[[ -f $host_cfg ]] || host_cfg="${CARGO_HOME:-$HOME/.cargo}/config"
if [[ -f $host_cfg && $host_cfg != "$cargo_home"/* ]]; then
  cmp -s "$host_cfg" "$cargo_home/config.toml" || cp "$host_cfg" "$cargo_home/config.toml"
fi

# A clean environment: the host's (RUSTC, RUSTUP_*, CARGO_HOME, a PATH of
# host folders, set e.g. when this runs under cargo) would mislead cargo in
# the chroot. Passed on: proxy and registry settings, and those that steer a
# build.
while IFS= read -r v; do
  if [[ $v =~ ^(https?_proxy|HTTPS?_PROXY|all_proxy|ALL_PROXY|no_proxy|NO_PROXY|CI|RUSTFLAGS|CARGO_ENCODED_RUSTFLAGS|CARGO_TARGET_DIR|CARGO_INCREMENTAL|CARGO_(REGISTRIES|REGISTRY|SOURCE|HTTP|NET|BUILD|PROFILE|TERM)_[A-Z0-9_]+|WASM_BINDGEN_[A-Z0-9_]+|RUST_LOG|RUST_BACKTRACE|SOURCE_DATE_EPOCH)$ ]] &&
    [[ $v != CARGO_HTTP_CAINFO ]]; then
    env_in+=("$v=${!v}")
  fi
done < <(compgen -e)

# shellcheck disable=SC2016 # $0 and $@ are the inner shell's.
chroot "$sid" /usr/bin/env -i \
  HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" DEBIAN_FRONTEND=noninteractive \
  PATH="$cargo_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  CARGO_HOME="$cargo_home" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld \
  "${env_in[@]}" \
  /bin/sh -c 'cd "$0" && exec "$@"' "$cwd" "$@"
