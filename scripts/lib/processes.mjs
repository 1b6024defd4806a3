// Small process helpers shared by scripts/start.mjs and scripts/dev.mjs.
import { readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';

/**
 * The newest modification time among these files and folders (recursively).
 * Folder times count too, so a deleted file also makes a build stale.
 */
export function newestMtime(paths, { skip = [] } = {}) {
  const skipped = new Set(skip);
  let newest = { path: '', mtimeMs: 0 };
  const visit = (path) => {
    if (skipped.has(path)) return;
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.mtimeMs > newest.mtimeMs) newest = { path, mtimeMs: stat.mtimeMs };
    if (!stat.isDirectory()) return;
    for (const entry of readdirSync(path)) {
      if (entry === 'node_modules' || entry === '.svelte-kit') continue;
      visit(join(path, entry));
    }
  };
  for (const path of paths) visit(path);
  return newest;
}

/** How to run pnpm: the same pnpm that runs this script when there is one, else the one on PATH. */
export function pnpmCommand(args) {
  // pnpm tells the scripts it runs where it lives.
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) {
    return /\.[cm]?js$/.test(execPath) ? [process.execPath, [execPath, ...args]] : [execPath, args];
  }
  return ['pnpm', args];
}

/** The exit code a shell reports for a process killed by this signal. */
export function signalExitCode(signal) {
  return 128 + (constants.signals[signal] ?? 0);
}

/**
 * Makes this process a transparent wrapper around `child`: SIGTERM, SIGINT and
 * SIGHUP are passed on, and this process exits with the child's code once it
 * has exited, so nothing is left running behind it.
 */
export function forwardSignals(child) {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => process.exit(code ?? signalExitCode(signal)));
  child.on('error', (err) => {
    console.error(`Could not start ${child.spawnfile}: ${err.message}`);
    process.exit(1);
  });
}
