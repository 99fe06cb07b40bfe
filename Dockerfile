# syntax=docker/dockerfile:1
#
# Haven server image.
#
# The mediasoup worker is built from the mediasoup npm package against
# Debian's libraries by scripts/mediasoup-worker.sh, exactly as on developer
# machines, so every stage must use the same Debian release (bookworm here).
#
#   docker build -t haven .      or      docker compose up --build

ARG NODE_IMAGE=node:20-bookworm-slim

# --- worker: the mediasoup-worker binary --------------------------------------
FROM ${NODE_IMAGE} AS worker
WORKDIR /src
# Only the recipe, so unrelated changes keep this slow layer cached.
COPY scripts/system-deps.sh scripts/mediasoup-worker.sh scripts/
COPY scripts/mediasoup-worker/ scripts/mediasoup-worker/
# The mediasoup version to build is read from here.
COPY packages/sfu/package.json packages/sfu/
RUN bash scripts/system-deps.sh build
RUN bin="$(bash scripts/mediasoup-worker.sh)" \
 && install -m 0755 "$bin" /usr/local/bin/mediasoup-worker \
 && rm -rf /root/.cache/haven

# --- app: install and build the workspaces ------------------------------------
# Based on the worker stage for its compiler and python3, which native npm
# packages may need.
FROM worker AS app
WORKDIR /app
# With MEDIASOUP_WORKER_BIN set, mediasoup's postinstall neither downloads nor
# builds a worker.
ENV MEDIASOUP_WORKER_BIN=/usr/local/bin/mediasoup-worker
COPY . .
RUN npm ci
RUN npm run build && npm prune --omit=dev

# --- runtime ------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
COPY scripts/system-deps.sh scripts/
COPY scripts/mediasoup-worker/ scripts/mediasoup-worker/
RUN bash scripts/system-deps.sh runtime && rm -rf /var/lib/apt/lists/*
COPY --from=worker /usr/local/bin/mediasoup-worker /usr/local/bin/mediasoup-worker
# Fails the build when a shared library of the worker is missing.
RUN if ldd /usr/local/bin/mediasoup-worker | grep 'not found'; then exit 1; fi
COPY --from=app /app /app
RUN mkdir -p /data && chown node:node /data

ENV NODE_ENV=production \
    MEDIASOUP_WORKER_BIN=/usr/local/bin/mediasoup-worker \
    HAVEN_DATA_DIR=/data \
    HAVEN_RTC_MIN_PORT=40000 \
    HAVEN_RTC_MAX_PORT=40999
USER node
VOLUME /data
# HTTP and signaling; then the WebRTC media ports (HAVEN_RTC_MIN_PORT..MAX).
EXPOSE 8080 40000-40999/udp 40000-40999/tcp
CMD ["node", "apps/server/dist/main.js"]
