import type { Database } from '@mutirao/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../auth/can';
import type {
  LiveConnection,
  LiveDelivery,
  LiveEvent,
  LiveHub,
  LiveServerMessage,
  TopicReadRule
} from './live';
import { deleteLiveEventsBefore, liveEventsByIds, liveEventsSince, recordLiveEvent, type LiveEventRow } from './live.repo';

/** NOTIFY channel: the payload is a live_events id, the row holds the rest. */
export const LIVE_CHANNEL = 'mutirao_live';
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

  const rules = new Map<string, TopicReadRule>();
  // Built in: a person's own stream (notifications, their registrations…).
  rules.set('user', async (actor, id) => actor?.id === id);

  /** topic → the connections following it in this process. */
  const followers = new Map<string, Set<Connection>>();
  const connections = new Set<Connection>();

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
    private holding = 0;
    private held: LiveDelivery[] = [];
    private queue: Promise<unknown> = Promise.resolve();
    private queued = 0;
    private closed = false;

    constructor(
      private readonly actor: Actor | null,
      private readonly send: (message: LiveServerMessage) => void
    ) {}

    deliver(delivery: LiveDelivery) {
      if (this.closed) return;
      // While a subscription is being set up, events wait so they follow its catch-up in order.
      if (this.holding > 0) this.held.push(delivery);
      else if (this.topics.has(delivery.topic)) this.send(eventMessage(delivery));
    }

    private enqueue<T>(work: () => Promise<T>): Promise<T> {
      // A client cannot make the server queue unbounded work.
      if (this.queued >= 8) return Promise.reject(new TooManyRequestsError());
      this.queued++;
      const next = this.queue.then(work, work).finally(() => this.queued--);
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
      const sent = new Set<number>();
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
        this.send({ type: 'subscribed', topics: subscribed, denied });
        if (since !== undefined && subscribed.length > 0) {
          const missed = await eventsSince(subscribed, since, catchUpLimit + 1);
          if (missed.length > catchUpLimit) {
            this.send({ type: 'resync', topics: subscribed });
          } else {
            for (const delivery of missed) {
              sent.add(delivery.cursor);
              this.send(eventMessage(delivery));
            }
          }
        }
      } finally {
        for (const topic of this.pending) unfollow(topic, this);
        this.pending.clear();
        this.holding--;
        if (this.holding === 0) {
          const held = this.held.sort((a, b) => a.cursor - b.cursor);
          this.held = [];
          for (const delivery of held) {
            if (!this.closed && this.topics.has(delivery.topic) && !sent.has(delivery.cursor)) this.send(eventMessage(delivery));
          }
        }
      }
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

  // Notifications arrive one id at a time; ids that arrive together are loaded
  // in one query, and loads run one after another so cursors go out in order.
  const waiting = new Set<number>();
  let loadScheduled = false;
  let loading: Promise<void> = Promise.resolve();

  function onNotification(payload: string) {
    const id = Number(payload);
    if (!Number.isSafeInteger(id) || id <= 0) return;
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
  let pruning: Promise<void> = Promise.resolve();

  return {
    async publish(tx, event: LiveEvent) {
      if (!parseTopic(event.topic)) throw new Error(`invalid live topic: ${JSON.stringify(event.topic)}`);
      if (!EVENT_TYPE.test(event.type)) throw new Error(`invalid live event type: ${JSON.stringify(event.type)}`);
      if (typeof event.id !== 'string' || event.id.length === 0 || event.id.length > 200) {
        throw new Error('a live event needs the id of the changed record');
      }
      // Delivered by Postgres only when (and if) the transaction commits.
      await recordLiveEvent(tx, LIVE_CHANNEL, { topic: event.topic, type: event.type, recordId: event.id });
    },
    registerTopic(prefix, rule) {
      if (!/^[a-z][a-z0-9_-]{0,31}$/.test(prefix)) throw new Error(`invalid topic prefix: ${prefix}`);
      rules.set(prefix, rule);
    },
    canRead,
    connect(actor, send) {
      const connection = new Connection(actor, send);
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
    },
    async close() {
      if (pruneTimer) clearInterval(pruneTimer);
      pruneTimer = undefined;
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
