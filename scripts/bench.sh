#!/usr/bin/env bash
# Runs Haven's benchmarks on this machine, prints the table and writes it, with the
# date, the machine and the command, to docs/BENCHMARKS.md. Installs what is missing
# first (Chromium included, for the browser benchmark) and builds.
#
#   npm run bench                              the whole suite (about ten minutes)
#   npm run bench -- --only attendance,groups  some benchmarks (see apps/server/bench/suites/index.ts)
#   HAVEN_BENCH_QUICK=1 npm run bench          a few seconds per benchmark; prints, writes nothing
#   HAVEN_BENCH_PROFILE=DIR npm run bench      servers started by the suites write CPU profiles to DIR
#
# Everything runs on loopback; each benchmark stops what it starts (workers, servers,
# browsers, sockets, temporary folders, PostgreSQL schemas).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install.sh test
MEDIASOUP_WORKER_BIN="$(bash scripts/mediasoup-worker.sh)"
export MEDIASOUP_WORKER_BIN
printf '\033[1m==> %s\033[0m\n' "Compiling the benchmarks" >&2
npx tsc -p apps/server/tsconfig.bench.json
args=("$@")
if [ "${HAVEN_BENCH_QUICK:-}" != 1 ]; then args+=(--write docs/BENCHMARKS.md); fi
HAVEN_BENCH_COMMAND="npm run bench${*:+ -- $*}" exec node apps/server/dist-bench/bench/main.js "${args[@]}"
