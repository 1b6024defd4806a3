import type { Database } from '@mutirao/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../auth/can';
import {
  SESSION_ENDED,
  type LiveConnectOptions,
  type LiveConnection,
  type LiveDelivery,
  type LiveEvent,
  type LiveHub,
  type LiveServerMessage,
  type TopicReadRule
} from './live';
import { LIVE_CHANNEL, deleteLiveEventsBefore, latestLiveEventId, liveEventsByIds, liveEventsSince, recordLiveEvent, type LiveEventRow } from './live.repo';
import { announceAccessChange, liveSessionActor, liveSessionsStillValid, parseAccessChange, type AccessChange } from './live.auth.repo';

/** NOTIFY channel: the payload is a live_events id, the row holds the rest. */
export { LIVE_CHANNEL };
const TOPIC = /^([a-z][a-z0-9_-]{0,31}):([A-Za-z0-9_-]{1,128})$/;
const EVENT_TYPE = /^[a-z][a-z0-9_.-]{0,63}$/;
const DAY = 24 * 60 * 60 * 1000;

export interface LiveHubOptions {
  database: Database;
  log: FastifyBaseLogger;
  /** Topics one websocket may follow at once. */
  maxTopicsPerConnection?: number;
  /** Events sent on catch-up; beyond that the client is told to resync. */
  catchUpLimit?: number;
  /** live_events rows older than this are pruned. */
  keepEventsMs?: number;
  pruneEveryMs?: number;
  /** The person behind a session that is still valid (default: read from the sessions table). */
  resolveSession?: (sessionId: string) => Promise<Actor | null>;
  /** Of these session ids, the ones still valid (default: read from the sessions table). */
  sessionsStillValid?: (ids: string[]) => Promise<Set<string>>;
  /** How often sockets are checked for sessions that expired on their own. */
  sessionSweepMs?: number;
}

export function parseTopic(topic: string): { prefix: string; id: string } | null {
  const match = typeof topic === 'string' ? TOPIC.exec(topic) : null;
  return match ? { prefix: match[1], id: match[2] } : null;
}

const toDelivery = (row: LiveEventRow): LiveDelivery => ({
  topic: row.topic,
  type: row.type,
  id: row.recordId,
  at: row.at.toISOString(),
  cursor: row.id
});
const eventMessage = (d: LiveDelivery): LiveServerMessage => ({
  type: 'event',
  topic: d.topic,
  event: d.type,
  id: d.id,
  at: d.at,
  cursor: d.cursor
});

/**
 * The live hub: services publish `{topic, type, id}` inside their transaction;
 * Postgres NOTIFY carries the new row's id to every process after commit; each
 * process loads the row and fans it out to its own websocket subscribers.
 */
export function createLiveHub(options: LiveHubOptions): LiveHub {
  const { database, log } = options;
  const maxTopics = options.maxTopicsPerConnection ?? 100;
  const catchUpLimit = options.catchUpLimit ?? 500;
  const keepEventsMs = options.keepEventsMs ?? 7 * DAY;
  const pruneEveryMs = options.pruneEveryMs ?? 60 * 60 * 1000;
  const resolveSession = options.resolveSession ?? ((id: string) => liveSessionActor(database.db, id));
  const sessionsStillValid = options.sessionsStillValid ?? ((ids: string[]) => liveSessionsStillValid(database.db, ids));
  const sessionSweepMs = options.sessionSweepMs ?? 5 * 60 * 1000;

  const rules = new Map<string, TopicReadRule>();
  // Built in: a person's own stream (notifications, their registrations…).
  rules.set('user', async (actor, id) => actor?.id === id);

  /** topic → the connections following it in this process. */
  const followers = new Map<string, Set<Connection>>();
  const connections = new Set<Connection>();
  let eventsHeard = 0;

  const follow = (topic: string, connection: Connection) => {
    let set = followers.get(topic);
    if (!set) followers.set(topic, (set = new Set()));
    set.add(connection);
  };
  const unfollow = (topic: string, connection: Connection) => {
    const set = followers.get(topic);
    if (!set) return;
    set.delete(connection);
    if (set.size === 0) followers.delete(topic);
  };

  async function canRead(actor: Actor | null, topic: string): Promise<boolean> {
    const parsed = parseTopic(topic);
    const rule = parsed && rules.get(parsed.prefix);
    if (!parsed || !rule) return false;
    try {
      return (await rule(actor, parsed.id)) === true;
    } catch (err) {
      log.error({ err, topic }, 'live: topic read rule failed; denying');
      return false;
    }
  }

  async function eventsSince(topics: string[], since: number, limit: number): Promise<LiveDelivery[]> {
    if (topics.length === 0) return [];
    const rows = await liveEventsSince(database.db, topics, since, limit);
    return rows.map(toDelivery);
  }

  class Connection implements LiveConnection {
    readonly topics = new Set<string>();
    /** Topics followed while their read rule runs, so no event slips between the check and the follow. */
    private readonly pending = new Set<string>();
    /** While above zero (a subscription being set up, access being re-checked), events wait in `held`. */
    private holding = 0;
    private held: LiveDelivery[] = [];
    /** Cursors sent by catch-up while holding, so the held copies are not sent twice. */
    private sentWhileHolding = new Set<number>();
    /**
     * Per topic, the cursor up to which this socket has been served when it subscribed:
     * what the catch-up sent, or what came before the subscription. A NOTIFY that arrives
     * late (a busy database, a slow process) for an event at or below it is not sent again.
     */
    private readonly served = new Map<string, number>();

    private fresh(delivery: LiveDelivery): boolean {
      return delivery.cursor > (this.served.get(delivery.topic) ?? 0);
    }
    private queue: Promise<unknown> = Promise.resolve();
    private queued = 0;
    private closed = false;

    constructor(
      public actor: Actor | null,
      private readonly send: (message: LiveServerMessage) => void,
      private readonly options: LiveConnectOptions = {}
    ) {}

    get sessionId() {
      return this.options.sessionId ?? null;
    }

    deliver(delivery: LiveDelivery) {
      if (this.closed) return;
      // While a subscription is being set up, events wait so they follow its catch-up in order.
      if (this.holding > 0) this.held.push(delivery);
      else if (this.topics.has(delivery.topic) && this.fresh(delivery)) this.send(eventMessage(delivery));
    }

    private release() {
      this.holding--;
      if (this.holding > 0) return;
      const held = this.held.sort((a, b) => a.cursor - b.cursor);
      const sent = this.sentWhileHolding;
      this.held = [];
      this.sentWhileHolding = new Set();
      for (const delivery of held) {
        if (!this.closed && this.topics.has(delivery.topic) && !sent.has(delivery.cursor) && this.fresh(delivery)) {
          this.send(eventMessage(delivery));
        }
      }
    }

    /** Work on this connection runs one piece at a time; only the client's own requests count against its limit. */
    private enqueue<T>(work: () => Promise<T>, fromClient = true): Promise<T> {
      // A client cannot make the server queue unbounded work.
      if (fromClient && this.queued >= 8) return Promise.reject(new TooManyRequestsError());
      if (fromClient) this.queued++;
      const next = this.queue.then(work, work).finally(() => {
        if (fromClient) this.queued--;
      });
      this.queue = next.catch(() => {});
      return next;
    }

    subscribe(requested: string[], since?: number): Promise<void> {
      return this.enqueue(() => this.addTopics([...new Set(requested)], since));
    }

    unsubscribe(topics: string[]): Promise<void> {
      return this.enqueue(async () => {
        for (const topic of topics) {
          this.topics.delete(topic);
          unfollow(topic, this);
        }
      });
    }

    private async addTopics(wanted: string[], since: number | undefined) {
      if (this.closed) return;
      const fresh = wanted.filter((t) => !this.topics.has(t));
      const room = Math.max(0, maxTopics - this.topics.size);
      const candidates = fresh.slice(0, room).filter((t) => parseTopic(t));
      const denied = fresh.filter((t) => !candidates.includes(t));
      this.holding++;
      try {
        for (const topic of candidates) {
          this.pending.add(topic);
          follow(topic, this);
        }
        const verdicts = await Promise.all(candidates.map((t) => canRead(this.actor, t)));
        candidates.forEach((topic, i) => {
          this.pending.delete(topic);
          if (verdicts[i] && !this.closed) {
            this.topics.add(topic);
          } else {
            unfollow(topic, this);
            denied.push(topic);
          }
        });
        if (this.closed) return;
        const subscribed = wanted.filter((t) => this.topics.has(t));
        // Taken before the catch-up: an event committed after it is either in the catch-up
        // (and marked below) or arrives live with a higher cursor.
        const latest = await latestLiveEventId(database.db);
        for (const topic of candidates) if (this.topics.has(topic)) this.served.set(topic, latest);
        this.send({ type: 'subscribed', topics: subscribed, denied });
        if (since !== undefined && subscribed.length > 0) {
          const missed = await eventsSince(subscribed, since, catchUpLimit + 1);
          if (missed.length > catchUpLimit) {
            this.send({ type: 'resync', topics: subscribed });
          } else {
            for (const delivery of missed) {
              if (this.closed || !this.topics.has(delivery.topic)) continue;
              this.sentWhileHolding.add(delivery.cursor);
              this.served.set(delivery.topic, Math.max(this.served.get(delivery.topic) ?? 0, delivery.cursor));
              this.send(eventMessage(delivery));
            }
          }
        }
      } finally {
        for (const topic of this.pending) unfollow(topic, this);
        this.pending.clear();
        this.release();
      }
    }

    /**
     * Someone's access changed. Events that arrive from now on wait (they were
     * committed after the change) until the check is done: the session is read
     * again (`reauthenticate`), then each followed topic's read rule (or only
     * `onlyTopic`). A socket whose session ended is closed; unreadable topics
     * are dropped and the client is told which.
     */
    recheck(reauthenticate: boolean, onlyTopic?: string) {
      if (this.closed) return;
      this.holding++;
      void this.enqueue(async () => {
        try {
          if (this.closed) return;
          if (reauthenticate && this.sessionId) {
            const actor = await resolveSession(this.sessionId);
            if (!actor) return this.end(SESSION_ENDED, 'session ended');
            this.actor = actor;
          }
          const topics = [...this.topics].filter((t) => !onlyTopic || t === onlyTopic);
          const verdicts = await Promise.all(topics.map((t) => canRead(this.actor, t)));
          const revoked = topics.filter((_, i) => !verdicts[i]);
          for (const topic of revoked) {
            this.topics.delete(topic);
            unfollow(topic, this);
          }
          if (revoked.length > 0 && !this.closed) this.send({ type: 'revoked', topics: revoked });
        } catch (err) {
          // Unsure who this is now: end the socket (the client reconnects, and the handshake checks afresh).
          log.error({ err }, 'live: could not re-check access; closing the socket');
          this.end(1011, 'access could not be checked');
        } finally {
          this.release();
        }
      }, false);
    }

    end(code: number, reason: string) {
      this.close();
      this.options.end?.(code, reason);
    }

    close() {
      if (this.closed) return;
      this.closed = true;
      for (const topic of this.topics) unfollow(topic, this);
      for (const topic of this.pending) unfollow(topic, this);
      this.topics.clear();
      this.held = [];
      connections.delete(this);
    }
  }

  /** Control messages are handled as they arrive, in commit order with the events around them. */
  function onAccessChange(change: AccessChange) {
    if ('userId' in change) {
      for (const connection of connections) if (connection.actor?.id === change.userId) connection.recheck(true);
    } else {
      for (const connection of followers.get(change.topic) ?? []) connection.recheck(false, change.topic);
    }
  }

  /** Sessions also end by expiring, which nobody announces: look for those now and then. */
  async function sweepSessions() {
    const withSession = [...connections].filter((c) => c.sessionId);
    if (withSession.length === 0) return;
    try {
      const valid = await sessionsStillValid([...new Set(withSession.map((c) => c.sessionId!))]);
      for (const connection of withSession) if (!valid.has(connection.sessionId!)) connection.end(SESSION_ENDED, 'session ended');
    } catch (err) {
      log.warn({ err }, 'live: could not check sessions');
    }
  }

  // Notifications arrive one id at a time; ids that arrive together are loaded
  // in one query, and loads run one after another so cursors go out in order.
  const waiting = new Set<number>();
  let loadScheduled = false;
  let loading: Promise<void> = Promise.resolve();

  function onNotification(payload: string) {
    const change = parseAccessChange(payload);
    if (change) return onAccessChange(change);
    const id = Number(payload);
    if (!Number.isSafeInteger(id) || id <= 0) return;
    eventsHeard++;
    // Nobody here listens to anything: no need to read the row.
    if (followers.size === 0) return;
    waiting.add(id);
    if (loadScheduled) return;
    loadScheduled = true;
    setImmediate(() => {
      loadScheduled = false;
      const ids = [...waiting];
      waiting.clear();
      loading = loading.then(() => fanOut(ids));
    });
  }

  async function fanOut(ids: number[]) {
    try {
      const rows = await liveEventsByIds(database.db, ids);
      for (const row of rows) {
        const delivery = toDelivery(row);
        for (const connection of followers.get(row.topic) ?? []) connection.deliver(delivery);
      }
    } catch (err) {
      log.error({ err }, 'live: could not load published events');
    }
  }

  async function prune() {
    try {
      await deleteLiveEventsBefore(database.db, new Date(Date.now() - keepEventsMs));
    } catch (err) {
      log.warn({ err }, 'live: pruning old events failed');
    }
  }

  let unlisten: (() => Promise<void>) | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  let pruning: Promise<void> = Promise.resolve();

  return {
    get eventsHeard() {
      return eventsHeard;
    },
    async publish(tx, event: LiveEvent) {
      if (!parseTopic(event.topic)) throw new Error(`invalid live topic: ${JSON.stringify(event.topic)}`);
      if (!EVENT_TYPE.test(event.type)) throw new Error(`invalid live event type: ${JSON.stringify(event.type)}`);
      if (typeof event.id !== 'string' || event.id.length === 0 || event.id.length > 200) {
        throw new Error('a live event needs the id of the changed record');
      }
      // Delivered by Postgres only when (and if) the transaction commits.
      await recordLiveEvent(tx, LIVE_CHANNEL, { topic: event.topic, type: event.type, recordId: event.id });
    },
    accessChanged: announceAccessChange,
    registerTopic(prefix, rule) {
      if (!/^[a-z][a-z0-9_-]{0,31}$/.test(prefix)) throw new Error(`invalid topic prefix: ${prefix}`);
      rules.set(prefix, rule);
    },
    canRead,
    connect(actor, send, connectOptions) {
      const connection = new Connection(actor, send, connectOptions);
      connections.add(connection);
      return connection;
    },
    async catchUp(actor, topics, since, limit = catchUpLimit) {
      const unique = [...new Set(topics)];
      const verdicts = await Promise.all(unique.map((t) => canRead(actor, t)));
      return eventsSince(
        unique.filter((_, i) => verdicts[i]),
        since,
        limit
      );
    },
    async start() {
      if (unlisten) return;
      unlisten = await database.listen(LIVE_CHANNEL, onNotification);
      pruneTimer = setInterval(() => (pruning = prune()), pruneEveryMs);
      pruneTimer.unref();
      pruning = prune();
      sweepTimer = setInterval(() => void sweepSessions(), sessionSweepMs);
      sweepTimer.unref();
    },
    async close() {
      if (pruneTimer) clearInterval(pruneTimer);
      if (sweepTimer) clearInterval(sweepTimer);
      pruneTimer = undefined;
      sweepTimer = undefined;
      await unlisten?.().catch(() => {});
      unlisten = undefined;
      for (const connection of [...connections]) connection.close();
      await Promise.all([loading, pruning]);
    }
  };
}

/** A client asked for more subscriptions at once than the hub will queue. */
export class TooManyRequestsError extends Error {
  constructor() {
    super('too many subscription requests in flight');
  }
}
