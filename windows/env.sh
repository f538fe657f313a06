# shellcheck shell=bash
# Sourced by windows/build.sh and windows/test.sh: cargo in the toolchain's
# chroot (web/sid.sh) for 64-bit Windows, the standard library built from
# sid's Rust source, MinGW-w64 linking.
#   sid_cargo TARGET_DIR build|check [CARGO ARGS...]
# with $root the project's folder.
# RUSTC_BOOTSTRAP: -Zbuild-std is unstable; sid's rustc is a stable one.
windows_target=x86_64-pc-windows-gnu
sid_cargo() {
  "${root:?}/web/sid.sh" env RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    CARGO_TARGET_DIR="$1" \
    cargo "$2" -Zbuild-std=std,panic_abort --target "$windows_target" "${@:3}"
}
