# The hub as one image: API, websocket and pages on port 3000.
# Postgres and Meilisearch run beside it (see docker-compose.yml).

# Build stage: every dependency, the web build and the compiled server.
FROM node:24-bookworm-slim AS build
RUN npm install -g pnpm@10
WORKDIR /app
# Download every package the lockfile names first, so this layer is reused
# until pnpm-lock.yaml changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline && pnpm build
# What the runtime stage carries, in the repository's layout: the manifests, the
# compiled server (apps/api/dist), the web build, the migrations, and a
# production-only install (no tsx, esbuild, Vite, Vitest, ESLint, Playwright…).
# The embedded Meilisearch binary is left out: the image runs with MEILI_URL.
RUN node scripts/runtime-folder.mjs /runtime --without-embedded-meilisearch

# Runtime stage: Node and the runtime folder, nothing else (not even pnpm).
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    UPLOADS_DIR=/data/uploads
WORKDIR /app
# The code stays owned by root and read-only for the hub; only /data is writable.
COPY --from=build /runtime /app
RUN mkdir -p /data/uploads && chown -R node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Compiled JavaScript; source maps make stack traces in the logs name the TypeScript files.
# The CLI is the same way: `node apps/api/dist/hub.js create-admin …`.
CMD ["node", "--enable-source-maps", "apps/api/dist/server.js"]
