import type { FastifyRequest } from 'fastify';
import type { Config } from '../config';

/** The names by which this machine reaches itself; a page served under them is the hub's own. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `name[:port]` as a Host header writes it: a bracketed IPv6 address or a name, then digits. */
const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[^:[\]/@\s]+)(?::(\d{1,5}))?$/;

export interface HubAddresses {
  /** The exact origin people open (PUBLIC_ORIGIN). */
  readonly publicOrigin: string;
  /**
   * Whether a Host header names this hub: PUBLIC_ORIGIN's host, and outside production
   * localhost, 127.0.0.1 and [::1] on the hub's port. `localPort` is the port the
   * connection arrived on (a server listening on port 0, as the tests' servers do).
   */
  isOwnHost(host: string | undefined, localPort?: number): boolean;
  /**
   * Whether an Origin header is this hub, compared whole (scheme, host and port):
   * PUBLIC_ORIGIN, and outside production http:// on a loopback name and the hub's port.
   */
  isOwnOrigin(origin: string | undefined, localPort?: number): boolean;
}

const defaultPort = (protocol: string) => (protocol === 'https:' ? 443 : 80);

/**
 * The addresses under which the hub answers, from its configuration. The Host check
 * (against DNS rebinding), the API's Origin check, the websocket handshake and the
 * pages' form check (through the web bridge) all use these same rules.
 */
export function hubAddresses(config: Pick<Config, 'publicOrigin' | 'production' | 'port'>): HubAddresses {
  const url = new URL(config.publicOrigin);
  const publicPort = url.port ? Number(url.port) : defaultPort(url.protocol);
  // A Host header may spell the default port out ("hub.example.org:443").
  const ownHosts = new Set([url.host, `${url.hostname}:${publicPort}`]);
  const loopbackPorts = new Set([publicPort, config.port]);
  const onLoopbackPort = (port: number, localPort: number | undefined) => loopbackPorts.has(port) || port === localPort;

  return {
    publicOrigin: url.origin,
    isOwnHost(host, localPort) {
      if (!host) return false;
      const value = host.toLowerCase();
      if (ownHosts.has(value)) return true;
      if (config.production) return false;
      const match = HOST_PATTERN.exec(value);
      if (!match || !LOOPBACK_NAMES.has(match[1])) return false;
      return onLoopbackPort(match[2] ? Number(match[2]) : 80, localPort);
    },
    isOwnOrigin(origin, localPort) {
      if (!origin) return false;
      if (origin === url.origin) return true;
      if (config.production || !URL.canParse(origin)) return false;
      const candidate = new URL(origin);
      // Only a plain origin, written the way browsers send it (no path, user or trailing slash).
      if (candidate.origin !== origin || candidate.protocol !== 'http:') return false;
      if (!LOOPBACK_NAMES.has(candidate.hostname)) return false;
      return onLoopbackPort(candidate.port ? Number(candidate.port) : 80, localPort);
    }
  };
}

/** The port the connection came in on, which a server listening on port 0 only learns at run time. */
export const localPortOf = (request: FastifyRequest): number | undefined => request.raw.socket?.localPort;
