# The hub as one image: API, websocket and pages on port 3000.
# Postgres and Meilisearch run beside it (see docker-compose.yml).

FROM node:24-bookworm-slim AS build
RUN npm install -g pnpm@10
WORKDIR /app
# Download every package the lockfile names first, so this layer is reused
# until pnpm-lock.yaml changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline && pnpm build

FROM node:24-bookworm-slim
RUN npm install -g pnpm@10 && npm cache clean --force
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    UPLOADS_DIR=/data/uploads
WORKDIR /app
# The code stays owned by root and read-only for the hub; only /data is writable.
COPY --from=build /app /app
RUN mkdir -p /data/uploads && chown -R node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# TypeScript runs through tsx (no separate compile step); the web app was built above.
CMD ["node", "--import", "tsx", "apps/api/src/server.ts"]
