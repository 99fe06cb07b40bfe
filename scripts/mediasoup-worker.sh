#!/usr/bin/env bash
# Prints the absolute path of a ready mediasoup-worker binary, building it
# first when this machine has none for the current recipe.
#
#   MEDIASOUP_WORKER_BIN="$(bash scripts/mediasoup-worker.sh)" npm ci
#
# mediasoup's own postinstall downloads a prebuilt worker, or builds one with
# pinned pip tools and downloaded library sources; Haven builds it instead from
# the sources inside the mediasoup npm package, against Debian's libraries:
#
#   1. Debian build packages and meson (scripts/system-deps.sh build)
#   2. `npm pack mediasoup@VERSION`, keep its worker/ directory
#   3. replace worker/subprojects/*.wrap with the stand-ins in
#      scripts/mediasoup-worker/subprojects/, which wrap Debian's libraries
#   4. fix the DTLS BIO callback in DtlsTransport.cpp (see fix_dtls_bio_callback)
#   5. build libsrtp2 from Debian's source package with OpenSSL crypto (see
#      build_srtp), linked statically
#   6. meson setup without io_uring, build the flatbuffers headers, then the
#      worker
#   7. strip it and check that it runs
#
# The result is cached outside the clone, keyed by the mediasoup version and a
# hash of this recipe, so a recipe change rebuilds and a warm call is instant:
#
#   ${HAVEN_CACHE_DIR:-~/.cache/haven}/mediasoup-worker/VERSION-HASH/mediasoup-worker
#
# stdout carries only that path; progress goes to stderr.
#
# Environment:
#   MEDIASOUP_WORKER_BIN  an executable worker to use as is (nothing is built)
#   MEDIASOUP_VERSION     version to build while packages/sfu/package.json does
#                         not exist yet (default 3.19.3)
#   HAVEN_CACHE_DIR       cache root (default ~/.cache/haven)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recipe="$repo/scripts/mediasoup-worker"
cache_root="${HAVEN_CACHE_DIR:-$HOME/.cache/haven}/mediasoup-worker"
jobs=2

log() { printf 'mediasoup-worker: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# The mediasoup version the project depends on, pinned exactly.
mediasoup_version() {
  local manifest="$repo/packages/sfu/package.json" version
  if [[ -f $manifest ]]; then
    version="$(node -p 'require(process.argv[1]).dependencies?.mediasoup ?? ""' "$manifest")"
    [[ -n $version ]] || die "$manifest has no dependency on mediasoup"
  else
    version="${MEDIASOUP_VERSION:-3.19.3}"
  fi
  [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
    die "mediasoup must be pinned to an exact version, found '$version'"
  printf '%s\n' "$version"
}

# Short hash of everything that shapes the binary besides the mediasoup
# version: this script, the stand-in subprojects and the compat header, and the
# Debian release and architecture whose libraries it links.
recipe_hash() {
  {
    sha256sum "${BASH_SOURCE[0]}" | cut -d ' ' -f 1
    (cd "$recipe" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    printf 'debian %s %s\n' "$(cut -d . -f 1 /etc/debian_version)" "$(uname -m)"
  } | sha256sum | cut -c 1-10
}

# mediasoup's onSslBioOut (DtlsTransport.cpp) tests
# `operationType == BIO_CB_RETURN`, but OpenSSL calls it back after a write
# with BIO_CB_RETURN | BIO_CB_WRITE, so the callback returns 1 instead of the
# real result. With an OpenSSL built with kernel-TLS support (Debian's), libssl
# then concludes that kernel TLS is active, never allocates its DTLS write
# buffer, and the worker crashes (SIGSEGV in SSL_read) as soon as a browser
# starts DTLS.
# Testing the flag bit fixes it. mediasoup's bundled OpenSSL lacks kernel TLS,
# which hides the bug there.
fix_dtls_bio_callback() {
  local file="$1/src/RTC/DtlsTransport.cpp" source
  local wrong='(operationType == BIO_CB_RETURN)'
  local right='((operationType & BIO_CB_RETURN) != 0)'
  [[ $(grep -cF "$wrong" "$file") == 1 ]] ||
    die "DtlsTransport.cpp: expected exactly one '$wrong' to fix; mediasoup changed, review the fix"
  source="$(<"$file")"
  printf '%s\n' "${source/"$wrong"/"$right"}" >"$file"
  [[ $(grep -cF "$right" "$file") == 1 ]] || die "DtlsTransport.cpp: the BIO callback fix did not apply"
}

# libsrtp2 from Debian's own source package, built with OpenSSL for its
# crypto. Debian's binary package uses NSS, which sets up a cipher and an HMAC
# context for every packet: a third of the worker's CPU when forwarding, and
# about half its cost per forwarded packet in a group (docs/BENCHMARKS.md).
# With OpenSSL, as mediasoup's own build has it, the contexts are kept and
# AES-NI is used. apt fetches and verifies the source (signed Sources index)
# from a private deb-src list, so the machine's apt configuration is untouched.
# Installs into $2: include/srtp2, lib/libsrtp2.a and lib/pkgconfig/libsrtp2.pc.
build_srtp() {
  local work="$1" prefix="$2" codename mirror apt dir
  codename="$(. /etc/os-release && printf '%s' "$VERSION_CODENAME")"
  mirror="${HAVEN_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  apt="$work/apt"
  mkdir -p "$apt/lists/partial" "$apt/sources.list.d" "$work/srtp-src"
  cat >"$apt/sources.list.d/haven-src.sources" <<SOURCES
Types: deb-src
URIs: $mirror
Suites: $codename
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  local opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt/sources.list.d"
    -o "Dir::State::Lists=$apt/lists" -o Debug::NoLocking=1 -qq)
  apt-get "${opts[@]}" update >&2 || die "cannot read Debian's source index from $mirror"
  (cd "$work/srtp-src" && apt-get "${opts[@]}" source libsrtp2 >&2) ||
    die "cannot fetch Debian's libsrtp2 source from $mirror"
  dir="$(find "$work/srtp-src" -mindepth 1 -maxdepth 1 -type d -name 'libsrtp*' | head -n 1)"
  [[ -n $dir ]] || die "Debian's libsrtp2 source did not unpack"
  log "libsrtp2 $(basename "$(ls "$work"/srtp-src/*.dsc)" .dsc) with OpenSSL crypto"
  (cd "$dir" &&
    ./configure --enable-openssl --prefix="$prefix" CFLAGS='-O2 -fPIC' >&2 &&
    nice -n 10 make -j "$jobs" libsrtp2.a >&2 &&
    make install >&2) ||
    die "building libsrtp2 failed"
  [[ -f $prefix/lib/libsrtp2.a && -f $prefix/lib/pkgconfig/libsrtp2.pc ]] ||
    die "libsrtp2 did not install into $prefix"
}

build_worker() {
  local version="$1" work="$2" out="$3" meson src build
  log "[1/7] build dependencies"
  bash "$repo/scripts/system-deps.sh" build
  # shellcheck source=scripts/mediasoup-worker/meson.sh
  source "$recipe/meson.sh"
  meson="$(find_meson)" || die "no meson >= $haven_meson_min (run scripts/system-deps.sh build)"
  # meson finds ninja on PATH; a pip-installed pair sits side by side.
  PATH="$(dirname "$meson"):$PATH"

  log "[2/7] fetching mediasoup $version sources (npm pack)"
  (cd "$work" && npm pack --silent "mediasoup@$version" >&2)
  tar -xzf "$work/mediasoup-$version.tgz" -C "$work" package/worker
  src="$work/package/worker"

  log "[3/7] replacing subproject wraps with Debian library stand-ins"
  rm -f "$src"/subprojects/*.wrap
  cp -R "$recipe/subprojects/." "$src/subprojects/"

  log "[4/7] applying the DTLS BIO callback fix"
  fix_dtls_bio_callback "$src"

  log "[5/7] libsrtp2 from Debian's source, with OpenSSL crypto"
  build_srtp "$work" "$work/srtp"
  # The stand-in libsrtp3 subproject asks pkg-config for libsrtp2: this one.
  export PKG_CONFIG_PATH="$work/srtp/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

  log "[6/7] compiling with meson $("$meson" --version), $jobs jobs (a few minutes)"
  build="$work/build"
  "$meson" setup "$build" "$src" --buildtype release -Db_ndebug=true \
    --wrap-mode=nodownload -Dms_disable_liburing=true >&2
  # The generated FBS/ headers must exist before any worker source compiles;
  # building both at once races.
  nice -n 10 "$meson" compile -C "$build" -j "$jobs" flatbuffers-generator >&2
  nice -n 10 "$meson" compile -C "$build" -j "$jobs" mediasoup-worker:executable >&2

  log "[7/7] stripping and checking the binary"
  strip -o "$out" "$build/mediasoup-worker"
  # Without MEDIASOUP_VERSION the worker refuses to start with exit code 41:
  # proof that it loads and runs without being driven by mediasoup's Node side.
  local code=0
  env -u MEDIASOUP_VERSION "$out" 2>/dev/null || code=$?
  [[ $code == 41 ]] || die "the built worker does not run (exit code $code)"
  # libsrtp2 must be the OpenSSL build linked in, not Debian's shared NSS one.
  if ldd "$out" | grep -Eq 'libsrtp2|libnss3'; then
    die "the worker links a shared libsrtp2 or NSS: the libsrtp2 built in step 5 was not used"
  fi
}

main() {
  if [[ -n ${MEDIASOUP_WORKER_BIN:-} ]]; then
    [[ -f $MEDIASOUP_WORKER_BIN && -x $MEDIASOUP_WORKER_BIN ]] ||
      die "MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN is not an executable file"
    realpath "$MEDIASOUP_WORKER_BIN"
    return
  fi

  local version dir bin
  version="$(mediasoup_version)"
  dir="$cache_root/$version-$(recipe_hash)"
  bin="$dir/mediasoup-worker"
  if [[ -x $bin ]]; then
    printf '%s\n' "$bin"
    return
  fi

  # One build at a time per machine; a waiting run then finds the binary.
  mkdir -p "$cache_root"
  exec 9>"$cache_root/.lock"
  if ! flock -n 9; then
    log "another build is running, waiting for it"
    flock 9
  fi
  if [[ ! -x $bin ]]; then
    log "building mediasoup-worker $version into $dir"
    local work started=$SECONDS
    work="$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker.XXXXXX")"
    # shellcheck disable=SC2064 # expand now: work is local
    trap "rm -rf '$work'" EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    build_worker "$version" "$work" "$work/mediasoup-worker"
    mkdir -p "$dir"
    # Same directory, so the final rename is atomic.
    cp "$work/mediasoup-worker" "$dir/.mediasoup-worker.tmp"
    mv -f "$dir/.mediasoup-worker.tmp" "$bin"
    rm -rf "$work"
    trap - EXIT INT TERM
    log "built in $((SECONDS - started)) s: $bin"
  fi
  printf '%s\n' "$bin"
}

main "$@"
