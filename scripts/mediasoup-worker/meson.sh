# shellcheck shell=bash
# Locates the meson that builds the mediasoup worker. Sourced by
# scripts/system-deps.sh (which installs one when none fits) and by
# scripts/mediasoup-worker.sh (which runs it).
#
# mediasoup's worker/meson.build declares meson_version '>= 1.1.0'. Debian 13's
# own meson is new enough; Debian 12's (1.0.1) is not, so there meson and ninja
# come from pip, in a virtualenv kept in the Haven cache outside the clone.

haven_meson_min=1.1.0
haven_meson_venv="${HAVEN_CACHE_DIR:-$HOME/.cache/haven}/meson-venv"

# version_at_least HAVE WANT: succeeds when dotted version HAVE >= WANT.
version_at_least() {
  [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" == "$2" ]]
}

# meson_fits MESON: succeeds when MESON runs and is at least haven_meson_min.
meson_fits() {
  local version
  version="$("$1" --version 2>/dev/null)" || return 1
  version_at_least "$version" "$haven_meson_min"
}

# find_meson: prints the path of a usable meson, preferring the system's; a
# system meson also needs a system ninja, the virtualenv carries its own.
find_meson() {
  local system_meson
  if system_meson="$(command -v meson)" && command -v ninja >/dev/null &&
    meson_fits "$system_meson"; then
    printf '%s\n' "$system_meson"
  elif [[ -x $haven_meson_venv/bin/ninja ]] && meson_fits "$haven_meson_venv/bin/meson"; then
    printf '%s\n' "$haven_meson_venv/bin/meson"
  else
    return 1
  fi
}
