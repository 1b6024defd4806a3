/**
 * One websocket per tab, shared by everything on the page that shows live data: the
 * header (notifications, the review count) and the page itself. Each follower names
 * the topics it shows; the hub counts followers per topic, so a topic two of them
 * show is followed once and dropped when the last one goes. The socket code is its
 * own chunk, fetched the first time anything follows a topic.
 */
import type { LiveConnection, LiveEvent, LiveState } from './live-client';

export interface Follower {
  topics: readonly string[];
  onEvent(event: LiveEvent): void;
  /** More was missed than the hub replays: reload everything these topics show. */
  onResync(): void;
  /** The session ended (signed out elsewhere): the page should be reloaded as it now is. */
  onSessionEnded?(): void;
}

const followers = new Set<Follower>();
const counts = new Map<string, number>();
let connection: Promise<LiveConnection> | undefined;

const stateWatchers = new Set<(state: LiveState) => void>();
let lastState: LiveState | undefined;

/** Tells `watcher` the socket's state now and on every change (`data-live` in the layout, for tests). */
export function watchState(watcher: (state: LiveState) => void): () => void {
  stateWatchers.add(watcher);
  if (lastState) watcher(lastState);
  return () => void stateWatchers.delete(watcher);
}

function connect(): Promise<LiveConnection> {
  connection ??= import('./live-client').then(({ liveUrl, openLive }) => {
    const live = openLive({
      url: liveUrl(location),
      topics: [...counts.keys()],
      onEvent: (event) => {
        for (const follower of [...followers]) if (follower.topics.includes(event.topic)) follower.onEvent(event);
      },
      onResync: (topics) => {
        for (const follower of [...followers]) if (follower.topics.some((topic) => topics.includes(topic))) follower.onResync();
      },
      onState: (state) => {
        lastState = state;
        for (const watcher of stateWatchers) watcher(state);
      },
      onSessionEnded: () => {
        // The next follower (after the page reloads its data as the visitor it now is) opens a new socket.
        connection = undefined;
        stopRetrying();
        for (const follower of [...followers]) follower.onSessionEnded?.();
      }
    });
    const retry = () => {
      if (document.visibilityState === 'visible') live.retryNow();
    };
    window.addEventListener('online', retry);
    document.addEventListener('visibilitychange', retry);
    const stopRetrying = () => {
      window.removeEventListener('online', retry);
      document.removeEventListener('visibilitychange', retry);
    };
    return live;
  });
  return connection;
}

/**
 * Starts following `follower.topics`; returns the function that stops. Call it from an
 * effect, so a page that changes what it shows follows the new topics.
 */
export function follow(follower: Follower): () => void {
  followers.add(follower);
  const added: string[] = [];
  for (const topic of new Set(follower.topics)) {
    const n = counts.get(topic) ?? 0;
    counts.set(topic, n + 1);
    if (n === 0) added.push(topic);
  }
  const opened = connect();
  if (added.length > 0) void opened.then((live) => live.subscribe(added));
  return () => {
    if (!followers.delete(follower)) return;
    const removed: string[] = [];
    for (const topic of new Set(follower.topics)) {
      const n = counts.get(topic) ?? 0;
      if (n <= 1) {
        counts.delete(topic);
        removed.push(topic);
      } else counts.set(topic, n - 1);
    }
    if (removed.length > 0) void connection?.then((live) => live.unsubscribe(removed));
  };
}
