// `pnpm dev`: the API under `tsx watch` on :3001 (restarted on every change)
// and Vite's dev server on :3000 (hot reload), which proxies /api and /dev to
// the API so the browser still sees one origin. Open http://localhost:3000.
// When either stops, the other is stopped too.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDotEnv } from './lib/env.mjs';
import { signalExitCode } from './lib/processes.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
if (loadDotEnv()) console.log('[dev] loaded settings from .env');

const webPort = 3000;
const apiPort = 3001;
const apiOrigin = `http://127.0.0.1:${apiPort}`;
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const viteCli = join(dirname(createRequire(join(root, 'apps/web/package.json')).resolve('vite/package.json')), 'bin/vite.js');

const children = [
  {
    name: 'api',
    command: process.execPath,
    args: [tsxCli, 'watch', '--clear-screen=false', 'apps/api/src/server.ts', '--api-only'],
    env: {
      // The API is reached through Vite's proxy only.
      HOST: '127.0.0.1',
      // Links in mail and the CSRF check use the address people open, not the API's own port.
      PUBLIC_ORIGIN: `http://localhost:${webPort}`,
      ...process.env,
      PORT: String(apiPort)
    }
  },
  {
    name: 'web',
    // What the web package's `dev` script runs (`vite dev`), started directly rather than
    // through `pnpm --filter`: pnpm and its shell do not pass SIGTERM on, so stopping
    // them would report a failure and could leave Vite behind.
    command: process.execPath,
    args: [viteCli, 'dev', '--port', String(webPort), '--strictPort'],
    cwd: 'apps/web',
    // vite.config.ts and the pages' server code read API_ORIGIN to find the API.
    env: { ...process.env, API_ORIGIN: apiOrigin }
  }
];

let stopping = false;
let exitCode = 0;
const running = new Set();

function stopAll(signal = 'SIGTERM') {
  stopping = true;
  for (const child of running) {
    // Each child leads its own process group (detached), so its own children
    // (the API under tsx watch, esbuild under Vite) are signalled too.
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
  // Anything that ignores SIGTERM is not allowed to outlive `pnpm dev`.
  setTimeout(() => {
    for (const child of running) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }, 8000).unref();
}

for (const spec of children) {
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    // stdin is not shared: a background process group reading the terminal would be stopped.
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true
  });
  running.add(child);
  child.on('error', (err) => {
    console.error(`[dev] could not start the ${spec.name}: ${err.message}`);
    exitCode = 1;
    running.delete(child);
    stopAll();
  });
  child.on('exit', (code, signal) => {
    running.delete(child);
    if (!stopping) {
      console.error(`[dev] the ${spec.name} stopped (${code ?? signal}); stopping the rest.`);
      exitCode = code || (signal ? signalExitCode(signal) : 1);
      stopAll();
    }
    if (running.size === 0) process.exit(exitCode);
  });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!stopping) console.log(`\n[dev] ${signal}: stopping the API and the web dev server…`);
    stopAll('SIGTERM');
  });
}
// A crash of this script must not leave the servers behind.
process.on('exit', () => {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

console.log(`[dev] web: http://localhost:${webPort}  (API on ${apiOrigin}, proxied under /api)`);
