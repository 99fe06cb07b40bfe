#!/usr/bin/env bash
# Installs what is missing (Chromium included), then runs every check and test:
# formatting and lint, type checks, unit and integration tests on a real mediasoup
# worker, SQLite and PostgreSQL, and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install.sh test
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
MEDIASOUP_WORKER_BIN="$(bash scripts/mediasoup-worker.sh)"
export MEDIASOUP_WORKER_BIN
results=.test-results
rm -rf "$results" && mkdir -p "$results"
export HAVEN_TEST_RESULTS="$PWD/$results"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
status=0
step "Lint and format"
npx turbo run lint --output-logs=errors-only || status=1
npx eslint --max-warnings=0 ./*.js ./*.ts scripts || status=1
npx prettier --check . >/dev/null || { echo "prettier: files need formatting (npm run format)"; status=1; }
step "Type checks"
npx turbo run typecheck --output-logs=errors-only || status=1
step "docker-compose.yml"
HAVEN_JWT_SECRET=check docker-compose -f docker-compose.yml config -q || status=1
step "Unit and integration tests"
npx turbo run test --concurrency=1 --continue || status=1
step "Browser tests (headless Chromium)"
npx turbo run test:browser --concurrency=1 --continue || status=1
node scripts/test-summary.mjs "$results" || status=1
exit "$status"
