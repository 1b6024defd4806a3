import { describe, expect, it } from 'vitest';
import { backoffDelay, liveUrl, openLive, type LiveEvent, type LiveState, type SocketLike } from './live-client';

/** A stand-in for the browser's WebSocket that the test drives by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  /** The server closes the connection with this code. */
  closeWith(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({});
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
  const events: LiveEvent[] = [];
  const resyncs: string[][] = [];
  const states: LiveState[] = [];
  const ended: number[] = [];
  const live = openLive({
    url: 'wss://hub.example.org/api/live',
    topics: ['user:42'],
    onEvent: (e) => events.push(e),
    onResync: (topics) => resyncs.push(topics),
    onState: (s) => states.push(s),
    onSessionEnded: () => ended.push(1),
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    minDelayMs: 1000,
    maxDelayMs: 8000,
    random: () => 1,
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    }
  });
  const last = () => sockets[sockets.length - 1];
  const fire = () => {
    const timer = timers.find((t) => !t.cleared && t.run);
    if (!timer) throw new Error('no timer waiting');
    timer.cleared = true;
    timer.run();
  };
  return { live, sockets, timers, events, resyncs, states, ended, last, fire };
}

const event = (cursor: number) => ({ type: 'event', topic: 'user:42', event: 'notification.created', id: `n${cursor}`, at: '2025-01-01T00:00:00Z', cursor });

describe('live client', () => {
  it('uses ws: or wss: to match the page, on the same host', () => {
    expect(liveUrl({ protocol: 'https:', host: 'hub.example.org' })).toBe('wss://hub.example.org/api/live');
    expect(liveUrl({ protocol: 'http:', host: 'localhost:3300' })).toBe('ws://localhost:3300/api/live');
  });

  it('subscribes on open, passes events on, and asks for a resync when told', () => {
    const h = harness();
    h.last().open();
    expect(h.last().sent).toEqual([{ type: 'subscribe', topics: ['user:42'] }]);
    h.last().receive({ type: 'subscribed', topics: ['user:42'], denied: [] });
    h.last().receive(event(7));
    h.last().receive({ type: 'resync', topics: ['user:42'] });
    expect(h.events).toEqual([{ topic: 'user:42', event: 'notification.created', id: 'n7', at: '2025-01-01T00:00:00Z', cursor: 7 }]);
    expect(h.resyncs).toEqual([['user:42']]);
    expect(h.states).toEqual(['connecting', 'open']);
  });

  it('adds and drops topics on the open socket, and follows the current set after reconnecting', () => {
    const h = harness();
    h.live.subscribe(['organisation:1']);
    // Not open yet: nothing is sent until it opens, then the whole set at once.
    expect(h.last().sent).toEqual([]);
    h.last().open();
    expect(h.last().sent).toEqual([{ type: 'subscribe', topics: ['user:42', 'organisation:1'] }]);
    h.last().receive({ type: 'subscribed', topics: ['user:42', 'organisation:1'], denied: [] });
    h.live.subscribe(['organisation:1', 'review:organisations']);
    h.live.unsubscribe(['organisation:1', 'never:followed']);
    expect(h.last().sent.slice(1)).toEqual([
      { type: 'subscribe', topics: ['review:organisations'] },
      { type: 'unsubscribe', topics: ['organisation:1'] }
    ]);
    h.last().receive(event(3));
    h.last().drop();
    h.fire();
    h.last().open();
    expect(h.last().sent).toEqual([{ type: 'subscribe', topics: ['user:42', 'review:organisations'], since: 3 }]);
  });

  it('reconnects after a drop and resumes from the last cursor it heard', () => {
    const h = harness();
    h.last().open();
    h.last().receive({ type: 'subscribed', topics: ['user:42'], denied: [] });
    h.last().receive(event(7));
    h.last().receive(event(9));
    h.last().drop();
    expect(h.states.at(-1)).toBe('waiting');
    h.fire();
    expect(h.sockets).toHaveLength(2);
    h.last().open();
    expect(h.last().sent).toEqual([{ type: 'subscribe', topics: ['user:42'], since: 9 }]);
    expect(h.live.cursor).toBe(9);
  });

  it('waits longer after each failed attempt, up to the cap, and starts over once subscribed', () => {
    const h = harness();
    for (let i = 0; i < 6; i++) {
      h.last().drop();
      h.fire();
    }
    expect(h.timers.map((t) => t.ms)).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    h.last().open();
    h.last().receive({ type: 'subscribed', topics: ['user:42'], denied: [] });
    h.last().drop();
    expect(h.timers.at(-1)!.ms).toBe(1000);
  });

  it('jitters the wait between half and all of the ceiling', () => {
    expect(backoffDelay(2, 1000, 30_000, () => 0)).toBe(2000);
    expect(backoffDelay(2, 1000, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(50, 1000, 30_000, () => 1)).toBe(30_000);
  });

  it('retries at once when asked, and stops for good when closed', () => {
    const h = harness();
    h.last().drop();
    h.live.retryNow();
    expect(h.sockets).toHaveLength(2);
    expect(h.timers[0].cleared).toBe(true);
    h.last().open();
    h.live.close();
    expect(h.last().readyState).toBe(3);
    expect(h.timers.filter((t) => !t.cleared)).toEqual([]);
    expect(h.sockets).toHaveLength(2);
    expect(h.states.at(-1)).toBe('closed');
  });

  it('ignores what it cannot parse', () => {
    const h = harness();
    h.last().open();
    h.last().onmessage?.({ data: 'not json' });
    expect(h.events).toEqual([]);
  });

  it('stops for good when the hub says the session ended, and says so', () => {
    const h = harness();
    h.last().open();
    h.last().receive({ type: 'subscribed', topics: ['user:42'], denied: [] });
    h.last().closeWith(4401);
    expect(h.ended).toEqual([1]);
    expect(h.states.at(-1)).toBe('closed');
    expect(h.timers).toEqual([]);
    h.live.retryNow();
    expect(h.sockets).toHaveLength(1);
  });

  it('starts over from its cursor when a topic is revoked', () => {
    const h = harness();
    h.last().open();
    h.last().receive({ type: 'subscribed', topics: ['user:42'], denied: [] });
    h.last().receive(event(3));
    h.last().receive({ type: 'revoked', topics: ['user:42'] });
    h.fire();
    h.last().open();
    expect(h.sockets).toHaveLength(2);
    expect(h.last().sent).toEqual([{ type: 'subscribe', topics: ['user:42'], since: 3 }]);
  });
});
