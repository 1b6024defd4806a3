import { invalidate } from '$app/navigation';

/**
 * Re-runs the loads that depend on `dependency`, together with any other refresh asked
 * for at the same moment, and resolves once the page shows the new data. One event
 * often concerns two followers (the header's count and the page); two separate
 * `invalidate` calls would cancel each other's load, and the first would resolve
 * before its data arrived, so an announcement would read the old numbers. Runs are
 * serialised for the same reason.
 */
let pending = new Set<string>();
let queued: Promise<void> | undefined;
let running: Promise<void> = Promise.resolve();

export function refresh(dependency: string): Promise<void> {
  pending.add(dependency);
  queued ??= running.then(async () => {
    queued = undefined;
    const dependencies = pending;
    pending = new Set();
    await invalidate((url) => dependencies.has(url.href));
  });
  running = queued;
  return queued;
}
