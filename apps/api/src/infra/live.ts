import { LIVE_SESSION_ENDED, type LiveServerMessage } from '@mutirao/shared';
import type { Tx } from '@mutirao/db';
import type { Actor } from '../auth/can';
import type { AccessChange } from './live.auth.repo';

export interface LiveEvent {
  topic: string;
  type: string;
  id: string;
}

/** Decides whether a person may receive events of one topic (`thread:<id>` → canRead(actor, '<id>')). */
export type TopicReadRule = (actor: Actor | null, id: string) => Promise<boolean>;

export interface LiveHub {
  /**
   * Records the event inside the caller's transaction (live_events row + NOTIFY),
   * so subscribers hear of it only if and after it commits.
   */
  publish(tx: Tx, event: LiveEvent): Promise<void>;
  /**
   * Says, inside the caller's transaction, that someone's access changed: a
   * person's (`{ userId }`: a session ended, a role or a membership changed) or
   * a topic's (`{ topic }`: who may follow it changed). After commit, every
   * process re-checks the affected sockets: one whose session ended is closed
   * (4401), and topics the person may no longer read are dropped (`revoked`).
   */
  accessChanged(tx: Tx, change: AccessChange): Promise<void>;
  /**
   * How many events this process has heard of, from any process (NOTIFY), since it
   * started: it grows whenever something visible changed anywhere.
   */
  readonly eventsHeard: number;
  /** Registers who may subscribe to topics with this prefix (`thread`, `event`, `organisation`…). */
  registerTopic(prefix: string, canRead: TopicReadRule): void;
  start(): Promise<void>;
  close(): Promise<void>;
  /** Whether this person may receive events of this topic (unknown prefixes and malformed topics: no). */
  canRead(actor: Actor | null, topic: string): Promise<boolean>;
  /**
   * Opens a subscriber for one websocket: everything it should receive goes
   * through `send`, in cursor order per subscription.
   */
  connect(actor: Actor | null, send: (message: LiveServerMessage) => void, options?: LiveConnectOptions): LiveConnection;
  /** Events after `since` on the topics this person may read, oldest first, at most `limit` (500). */
  catchUp(actor: Actor | null, topics: string[], since: number, limit?: number): Promise<LiveDelivery[]>;
}

export interface LiveConnectOptions {
  /** The session the socket was opened with: when it ends, the socket is ended. */
  sessionId?: string | null;
  /** Closes the socket (4401 when its session ended, 1011 when access could not be checked). */
  end?(code: number, reason: string): void;
}

/** Close code for a socket whose session ended (sign-out, revoked, password changed or reset). */
export const SESSION_ENDED = LIVE_SESSION_ENDED;

/** One change as subscribers see it; `cursor` is the live_events id, the `since` to resume from. */
export interface LiveDelivery {
  topic: string;
  type: string;
  id: string;
  at: string;
  cursor: number;
}

/** What the hub sends down a websocket: declared once, in packages/shared, for the browser too. */
export type { LiveServerMessage } from '@mutirao/shared';

export interface LiveConnection {
  readonly topics: ReadonlySet<string>;
  /**
   * Authorizes and adds topics, sends `subscribed` (unreadable or over-limit
   * topics are denied), then the events after `since`, then live events. Calls
   * on one connection run one after another.
   */
  subscribe(topics: string[], since?: number): Promise<void>;
  unsubscribe(topics: string[]): Promise<void>;
  close(): void;
}
