// `pnpm start`: builds the web app and the server when their sources changed,
// then runs the compiled hub (API, websocket and pages on one port) in a child
// process: `node apps/api/dist/server.js`, as the Docker image does, in
// development too. The server build takes well under a second, so there is no
// second way of running it to keep working (`pnpm dev` runs the sources under
// tsx watch).
//
// Plain JavaScript on purpose: it runs before anything is compiled or loaded
// through tsx. NODE_ENV is left as it is (the hub defaults to development, so
// /dev/mail works on a fresh machine); set NODE_ENV=production to deploy.
import { spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serverBuildIsStale } from './build-server.mjs';
import { loadDotEnv } from './lib/env.mjs';
import { newestMtime, pnpmCommand, forwardSignals } from './lib/processes.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
if (loadDotEnv()) console.log('Loaded settings from .env');

const handler = 'apps/web/build/handler.js';
// Everything the web build reads; the generated paraglide output is skipped
// because the build itself rewrites it.
const webSources = [
  'apps/web/src',
  'apps/web/messages',
  'apps/web/static',
  'apps/web/project.inlang',
  'apps/web/svelte.config.js',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'packages/shared/src'
];

function webBuildIsStale() {
  let built;
  try {
    built = statSync(handler).mtimeMs;
  } catch {
    return 'apps/web/build is missing';
  }
  const newest = newestMtime(webSources, { skip: ['apps/web/src/lib/paraglide'] });
  return newest.mtimeMs > built ? `${newest.path} changed since the last build` : null;
}

const stale = webBuildIsStale();
if (stale) {
  console.log(`Building the web app (${stale})…`);
  const [command, args] = pnpmCommand(['--filter', '@mutirao/web', 'build']);
  const build = spawnSync(command, args, { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The web build failed; see the output above.');
    process.exit(build.status ?? 1);
  }
}

const serverStale = serverBuildIsStale();
if (serverStale) {
  console.log(`Building the server (${serverStale})…`);
  // In a child process, so esbuild's service process ends with the build instead
  // of living beside the hub as a child of this one.
  const build = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The server build failed; see the output above.');
    process.exit(build.status ?? 1);
  }
}

// Source maps: stack traces in the logs name the TypeScript files and lines.
const server = spawn(process.execPath, ['--enable-source-maps', 'apps/api/dist/server.js', ...process.argv.slice(2)], {
  stdio: 'inherit'
});
forwardSignals(server);
