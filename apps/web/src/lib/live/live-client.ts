/**
 * The browser's end of /api/live: one websocket that follows some topics, hears
 * that something changed (ids only; pages re-fetch through their loads), and
 * survives drops: it reconnects with capped exponential backoff and resumes from
 * the last cursor it saw, so nothing said while it was away is missed.
 */

// The runtime module alone: the browser bundle must not pull the whole contract in.
import { LIVE_SESSION_ENDED, type LiveEventMessage, type LiveServerMessage } from '@mutirao/shared/contract/runtime';

/** One change, as the hub sends it (declared in packages/shared/src/contract/runtime.ts). */
export type LiveEvent = Omit<LiveEventMessage, 'type'>;
type ServerMessage = LiveServerMessage;

/** The hub closes a socket with this code when its session ended (signed out here or elsewhere). */
export const SESSION_ENDED = LIVE_SESSION_ENDED;

export type LiveState = 'connecting' | 'open' | 'waiting' | 'closed';

/** The part of the browser's WebSocket used here, so tests can pass a stand-in. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code?: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface LiveOptions {
  url: string;
  topics: string[];
  onEvent(event: LiveEvent): void;
  /** More was missed than the hub replays: re-fetch everything these topics show. */
  onResync(topics: string[]): void;
  onState?(state: LiveState): void;
  /** The session ended (signed out, perhaps on another device): the socket is not reopened. */
  onSessionEnded?(): void;
  createSocket?: (url: string) => SocketLike;
  /** First retry after about this long, doubling each time up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface LiveConnection {
  /** The cursor to resume from: the newest event heard. */
  readonly cursor: number | undefined;
  /** Follows more topics on the open socket (and on every reconnection); ones already followed are skipped. */
  subscribe(topics: readonly string[]): void;
  /** Stops following these topics. */
  unsubscribe(topics: readonly string[]): void;
  /** Reconnects now if waiting to retry (the network came back, the tab became visible). */
  retryNow(): void;
  close(): void;
}

/** `ws://` or `wss://` to /api/live on this page's own origin (the session cookie goes with it). */
export function liveUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/live`;
}

/** The wait before retry number `attempt` (0-based): doubling, capped, with jitter so a restart does not bring every tab back at once. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const OPEN = 1;

export function openLive(options: LiveOptions): LiveConnection {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));

  let socket: SocketLike | undefined;
  let cursor: number | undefined;
  // What to follow now: pages add and remove topics while the socket lives.
  const topics = new Set(options.topics);
  const send = (message: object) => {
    if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(message));
  };
  let attempt = 0;
  let timer: unknown;
  let closed = false;

  const setState = (state: LiveState) => options.onState?.(state);

  function connect() {
    timer = undefined;
    if (closed) return;
    setState('connecting');
    const current = createSocket(options.url);
    socket = current;
    current.onopen = () => {
      // Resume where the last connection stopped; the first one has nothing to resume.
      if (topics.size === 0) return;
      current.send(JSON.stringify({ type: 'subscribe', topics: [...topics], ...(cursor !== undefined && { since: cursor }) }));
    };
    current.onmessage = ({ data }) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(data)) as ServerMessage;
      } catch {
        return;
      }
      if (message.type === 'subscribed') {
        attempt = 0;
        setState('open');
      } else if (message.type === 'event') {
        if (cursor === undefined || message.cursor > cursor) cursor = message.cursor;
        const { type: _type, ...event } = message;
        options.onEvent(event);
      } else if (message.type === 'resync') {
        options.onResync(message.topics);
      } else if (message.type === 'revoked') {
        // Access to a topic was lost: start again, so the page learns what it may still follow.
        current.close(1000, 'resubscribing');
      }
    };
    current.onerror = () => {
      // A close event always follows; retrying happens there.
    };
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = undefined;
      if (closed) return;
      if (event?.code === SESSION_ENDED) {
        closed = true;
        setState('closed');
        options.onSessionEnded?.();
        return;
      }
      setState('waiting');
      timer = setTimer(connect, backoffDelay(attempt++, minDelay, maxDelay, random));
    };
  }

  connect();

  return {
    get cursor() {
      return cursor;
    },
    subscribe(more) {
      const added = more.filter((topic) => !topics.has(topic));
      for (const topic of added) topics.add(topic);
      // A topic added now has nothing to catch up on: the page just loaded its data.
      if (added.length > 0) send({ type: 'subscribe', topics: added });
    },
    unsubscribe(fewer) {
      const removed = fewer.filter((topic) => topics.delete(topic));
      if (removed.length > 0) send({ type: 'unsubscribe', topics: removed });
    },
    retryNow() {
      if (closed || timer === undefined) return;
      clearTimer(timer);
      connect();
    },
    close() {
      closed = true;
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
      const current = socket;
      socket = undefined;
      if (current && current.readyState <= OPEN) current.close(1000, 'page closed');
      setState('closed');
    }
  };
}
