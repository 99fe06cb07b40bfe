#!/usr/bin/env bash
# Installs whatever is missing for Haven, and nothing twice:
#   Debian packages -> the mediasoup worker (built once per version, cached outside
#   the clone) -> npm packages -> the build.
#
#   bash scripts/install.sh [test]     ("test" adds Chromium and docker-compose)
#
# Progress goes to stderr. A warm machine runs this in seconds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

step() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log(a>20||(a===20&&b>=19)?1:0)')
if [ "$node_ok" != 1 ]; then
  echo "Haven needs Node.js 20.19 or newer (found $(node --version))." >&2
  exit 1
fi

groups=(runtime)
if [ "${1:-}" = test ]; then groups+=(test); fi
step "System packages (${groups[*]})"
bash scripts/system-deps.sh "${groups[@]}"

step "mediasoup worker"
MEDIASOUP_WORKER_BIN="$(bash scripts/mediasoup-worker.sh)"
export MEDIASOUP_WORKER_BIN

# npm ci only when package-lock.json, or Node's addon ABI, changed since the last install.
lock_hash="$(sha256sum package-lock.json | cut -c1-16)-node$(node -p process.versions.modules)"
# Native addons (better-sqlite3, argon2) build against Node's own headers, not downloaded ones.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi
stamp=node_modules/.haven-install
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  step "npm packages"
  npm ci --no-audit --no-fund >&2
  echo "$lock_hash" > "$stamp"
fi

# mediasoup looks for its worker here when MEDIASOUP_WORKER_BIN is not set.
release_dir=node_modules/mediasoup/worker/out/Release
mkdir -p "$release_dir"
ln -sf "$MEDIASOUP_WORKER_BIN" "$release_dir/mediasoup-worker"

step "Build"
npx turbo run build --output-logs=errors-only >&2
