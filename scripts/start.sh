#!/usr/bin/env bash
# Installs what is missing, then starts Haven with a demo clinic on http://localhost:8080.
# Settings come from the environment (see README); development mode by default here.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install.sh
export HAVEN_ENV="${HAVEN_ENV:-development}"
# The demo clinic's password is published: seeded by default outside production only.
if [[ $HAVEN_ENV != production ]]; then export HAVEN_DEMO="${HAVEN_DEMO:-1}"; fi
exec node apps/server/dist/main.js
