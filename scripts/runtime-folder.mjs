// `node scripts/runtime-folder.mjs <folder> [--without-embedded-meilisearch]`:
// assembles what the production image carries, after `pnpm build`, in the
// repository's own layout (the compiled server finds the migrations and the
// web build where the sources would, see scripts/build-server.mjs):
//
//   package.json, pnpm-lock.yaml, pnpm-workspace.yaml, .npmrc, and each
//   workspace package's package.json     what the production install reads
//   apps/api/dist/*.js(.map)             the compiled server and CLI
//   apps/web/build                       the built pages
//   db/migrations                        applied at start
//   node_modules                         `pnpm install --prod --frozen-lockfile`
//
// The Dockerfile's build stage runs it and its runtime stage copies the folder,
// and CI runs it to start the hub from such a folder without Docker, so both
// check the same list. --without-embedded-meilisearch leaves out the optional
// Meilisearch binary (about 126 MB): the image is run with MEILI_URL.
//
// Plain JavaScript: it must not need tsx, which a production install lacks.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pnpmCommand } from './lib/processes.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'without-embedded-meilisearch': { type: 'boolean', default: false } }
});
if (positionals.length !== 1) {
  console.error('Usage: node scripts/runtime-folder.mjs <folder> [--without-embedded-meilisearch]');
  process.exit(2);
}
const target = resolve(positionals[0]);
if (existsSync(target) && readdirSync(target).length > 0) {
  console.error(`${target} is not empty: give a new or empty folder.`);
  process.exit(2);
}

for (const built of ['apps/api/dist/server.js', 'apps/api/dist/hub.js', 'apps/web/build/handler.js']) {
  if (!existsSync(join(root, built))) {
    console.error(`${built} is missing: run \`pnpm build\` first.`);
    process.exit(1);
  }
}

// The workspace packages, as pnpm-workspace.yaml lists them (apps/*, packages/*, db).
const workspacePackages = [
  ...['apps', 'packages'].flatMap((parent) => readdirSync(join(root, parent)).map((name) => `${parent}/${name}`)),
  'db'
].filter((dir) => existsSync(join(root, dir, 'package.json')));

const copy = (path, options = {}) => {
  mkdirSync(join(target, path, '..'), { recursive: true });
  cpSync(join(root, path), join(target, path), { recursive: true, ...options });
};
for (const file of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc']) copy(file);
for (const dir of workspacePackages) copy(`${dir}/package.json`);
// Only the bundles and their maps: build-info.json names the build machine's sources.
copy('apps/api/dist', { filter: (source) => !/build-info\.json$/.test(source) });
copy('apps/web/build');
copy('db/migrations');

// Lifecycle scripts stay off: the web's `prepare` needs its devDependencies, and
// no production dependency builds anything on install (their binaries come prebuilt).
const [command, args] = pnpmCommand([
  'install',
  '--prod',
  '--frozen-lockfile',
  '--ignore-scripts',
  '--prefer-offline',
  '--config.confirmModulesPurge=false'
]);
const install = spawnSync(command, args, { cwd: target, stdio: 'inherit' });
if (install.status !== 0) {
  console.error('The production install failed; see the output above.');
  process.exit(install.status ?? 1);
}

if (values['without-embedded-meilisearch']) {
  // The package is optional, so the hub without it says to set MEILI_URL.
  const store = join(target, 'node_modules/.pnpm');
  for (const entry of readdirSync(store)) {
    if (entry.startsWith('@gaubee+meilisearch-')) rmSync(join(store, entry), { recursive: true, force: true });
  }
  rmSync(join(target, 'packages/search/node_modules/@gaubee'), { recursive: true, force: true });
}

console.log(`The runtime folder is ready: ${target}`);
