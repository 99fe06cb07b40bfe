#!/usr/bin/env bash
# Installs the Debian packages Haven needs, by group:
#
#   bash scripts/system-deps.sh build|runtime|test...
#
#   build    what scripts/mediasoup-worker.sh needs to compile the mediasoup
#            worker, including meson >= 1.1.0 and ninja (Debian's when new
#            enough, otherwise pip's in a virtualenv under the Haven cache)
#   runtime  the shared libraries the built worker loads at run time
#   test     Debian's Chromium, fonts for screenshots, and docker-compose (only
#            used to validate docker-compose.yml)
#
# Idempotent: when everything is present it neither runs apt-get nor pip.
# Works on Debian 12 (bookworm) and Debian 13 (trixie). Output goes to stderr,
# so callers can keep stdout for their own results.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/mediasoup-worker/meson.sh
source "$here/mediasoup-worker/meson.sh"

build_packages=(
  build-essential pkg-config ca-certificates python3-venv
  libuv1-dev libssl-dev libusrsctp-dev libabsl-dev
  libflatbuffers-dev flatbuffers-compiler
)
test_packages=(chromium fonts-liberation docker-compose)

# The worker's shared libraries, as "GLOB DEV-PACKAGE". Their package names
# change between releases (libuv1 on Debian 12 is libuv1t64 on 13, the abseil
# package carries its version), so a library counts as present when any
# installed package matches GLOB, and a missing one is resolved to the library
# package that DEV-PACKAGE depends on in this release.
runtime_libs=(
  'libuv1* libuv1-dev'
  'libssl3* libssl-dev'
  'libusrsctp2* libusrsctp-dev'
  'libabsl2* libabsl-dev'
)

log() { printf 'system-deps: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# as_root COMMAND...: runs COMMAND as root, through sudo when needed.
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  else
    command -v sudo >/dev/null || die "not root and no sudo: cannot run $1"
    sudo "$@"
  fi
}

# installed PATTERN...: prints the installed packages matching dpkg patterns.
installed() {
  { dpkg-query -W -f='${Package}\t${Status}\n' "$@" 2>/dev/null || true; } |
    awk -F '\t' '$2 == "install ok installed" { print $1 }'
}

apt_updated=false
apt_update_once() {
  if [[ $apt_updated == false ]]; then
    [[ -r /etc/debian_version ]] || die "not a Debian system (no /etc/debian_version)"
    log "apt-get update (Debian $(cat /etc/debian_version))"
    as_root apt-get update >&2
    apt_updated=true
  fi
}

apt_install() {
  apt_update_once
  log "installing: $*"
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "$@" >&2
}

# ensure_packages NAME...: installs those of NAME that are missing.
ensure_packages() {
  local have missing=() name
  have=" $(installed "$@" | tr '\n' ' ') "
  for name in "$@"; do
    [[ $have == *" $name "* ]] || missing+=("$name")
  done
  if ((${#missing[@]})); then
    apt_install "${missing[@]}"
  fi
}

# first_matching GLOB: prints the first line of stdin that matches GLOB.
first_matching() {
  local line
  while read -r line; do
    # shellcheck disable=SC2254 # GLOB is a pattern on purpose
    case $line in $1)
      printf '%s\n' "$line"
      return
      ;;
    esac
  done
  return 1
}

ensure_runtime_libs() {
  local entry glob dev have missing=() name
  have="$(installed "${runtime_libs[@]%% *}")"
  for entry in "${runtime_libs[@]}"; do
    glob="${entry%% *}"
    dev="${entry#* }"
    first_matching "$glob" <<<"$have" >/dev/null && continue
    apt_update_once
    name="$(apt-cache depends "$dev" 2>/dev/null |
      awk '$1 == "Depends:" { print $2 }' | first_matching "$glob")" ||
      die "no package matching '$glob' among the dependencies of $dev"
    missing+=("$name")
  done
  if ((${#missing[@]})); then
    apt_install "${missing[@]}"
  fi
}

ensure_meson() {
  local candidate
  find_meson >/dev/null && return
  apt_update_once
  candidate="$(apt-cache policy meson | awk '$1 == "Candidate:" { print $2 }')"
  candidate="${candidate#*:}" # epoch
  candidate="${candidate%%-*}" # Debian revision
  if [[ $candidate =~ ^[0-9.]+$ ]] && version_at_least "$candidate" "$haven_meson_min"; then
    apt_install meson ninja-build
  else
    log "Debian's meson (${candidate:-none}) is older than $haven_meson_min:" \
      "installing meson and ninja with pip into $haven_meson_venv"
    rm -rf "$haven_meson_venv"
    /usr/bin/python3 -m venv "$haven_meson_venv" >&2
    # Two retries, not pip's five: where the public index cannot be reached, its backoff
    # between them only delays the other configured indexes.
    "$haven_meson_venv/bin/pip" install --quiet --retries 2 meson ninja >&2 ||
      die "pip could not install meson and ninja; install meson >= $haven_meson_min and ninja, or make a package index reachable"
  fi
  find_meson >/dev/null || die "no usable meson >= $haven_meson_min after installing one"
}

main() {
  local group
  (($#)) || die "usage: $0 build|runtime|test..."
  for group in "$@"; do
    case $group in
      build)
        ensure_packages "${build_packages[@]}"
        ensure_meson
        ;;
      runtime) ensure_runtime_libs ;;
      test) ensure_packages "${test_packages[@]}" ;;
      *) die "unknown group '$group' (expected build, runtime or test)" ;;
    esac
  done
}

main "$@"
