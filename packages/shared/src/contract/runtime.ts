/**
 * Names the API and the web app must agree on at run time, declared once.
 */

/** The global symbol under which the API exposes its in-process `inject` to the SvelteKit bundle. */
export const API_BRIDGE_KEY = 'mutirao.api';

/** The session cookie: `__Host-` in production pins it to this host and requires Secure. */
export const sessionCookieNames = { production: '__Host-mutirao_session', development: 'mutirao_session' } as const;
export const sessionCookieName = (production: boolean): string =>
  production ? sessionCookieNames.production : sessionCookieNames.development;

/** One change as it travels down /api/live: ids only; clients re-fetch through the API. */
export interface LiveEventMessage {
  type: 'event';
  topic: string;
  event: string;
  id: string;
  at: string;
  /** The `since` to resume from after a reconnect. */
  cursor: number;
}

/** What the hub sends down a websocket. */
export type LiveServerMessage =
  | { type: 'subscribed'; topics: string[]; denied: string[] }
  | LiveEventMessage
  /** More was missed than catch-up sends: re-fetch these topics' pages, then carry on. */
  | { type: 'resync'; topics: string[] }
  /** Topics dropped because the person may no longer read them (a membership or role was lost). */
  | { type: 'revoked'; topics: string[] }
  | { type: 'pong' };

/** The close code of a socket whose session ended (signed out, revoked, password changed or reset). */
export const LIVE_SESSION_ENDED = 4401;

/** What a client may send; anything else closes the socket. */
export type LiveClientMessageShape =
  | { type: 'subscribe'; topics: string[]; since?: number }
  | { type: 'unsubscribe'; topics: string[] }
  | { type: 'ping' };
