import { Server as NetServer } from 'node:net';
import fp from 'fastify-plugin';

export interface GracefulCloseOptions {
  /** How long idle keep-alive connections may stay open for a last request before they are closed. */
  idleGraceMs?: number;
  /** How long requests still running may take before the close goes on without them. */
  activeGraceMs?: number;
}

/**
 * Shutting down without failing a request that was accepted. Node's
 * `server.close()` closes idle keep-alive connections at once, and a client may
 * be sending its next request on one at that very moment (it sees a reset).
 * Instead, when the app closes: stop listening (new connections are refused,
 * which a load balancer retries elsewhere), keep serving requests on open
 * connections, each answered with `Connection: close` (Fastify does that while
 * closing, and `return503OnClosing: false` in app.ts lets them through), and
 * only then close what is still idle.
 */
export const gracefulClosePlugin = fp<GracefulCloseOptions>(async (app, options) => {
  const idleGraceMs = options.idleGraceMs ?? 2000;
  const activeGraceMs = options.activeGraceMs ?? 6000;
  app.addHook('preClose', async () => {
    const server = app.server;
    if (!server.listening) return;
    // net.Server's close stops listening without http.Server's "close idle connections now".
    NetServer.prototype.close.call(server);
    const open = () => new Promise<number>((resolve) => server.getConnections((err, n) => resolve(err ? 0 : n)));
    const waitUntil = async (deadline: number) => {
      while ((await open()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    };
    await waitUntil(Date.now() + idleGraceMs);
    server.closeIdleConnections();
    await waitUntil(Date.now() + activeGraceMs);
  });
});
