// `pnpm build:server`: compiles the hub's server (apps/api/src/server.ts) and
// CLI (apps/api/src/cli/hub.ts) into apps/api/dist/{server,hub}.js with
// esbuild, so production runs plain JavaScript: no tsx loader and no esbuild
// service process beside the hub.
//
// - The workspace packages (@mutirao/shared, @mutirao/db, @mutirao/search)
//   ship TypeScript sources, so they are bundled in. Every other bare import
//   stays external and is resolved from apps/api/node_modules at run time; the
//   build fails when one is not a production dependency of @mutirao/api (and of
//   the workspace package that imports it), because a production install would
//   not have it.
// - `import.meta.url` in a bundled file keeps meaning that source file's URL,
//   rewritten relative to the bundle. Paths computed from it (the migrations
//   folder next to db/client.ts, the web build from server.ts, the Meilisearch
//   binary's package from packages/search) therefore resolve as they do under
//   tsx, provided the deployed folder keeps the repository's layout for the files
//   read at run time (the Dockerfile's runtime stage does).
//
// Plain JavaScript, like scripts/start.mjs, which imports it to rebuild a stale
// bundle before starting the hub.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
export const defaultOutdir = join(root, 'apps/api/dist');
const apiPackageJson = join(root, 'apps/api/package.json');
/** Output name → entry point. */
const entryPoints = {
  server: join(root, 'apps/api/src/server.ts'),
  hub: join(root, 'apps/api/src/cli/hub.ts')
};
const infoFile = 'build-info.json';
const workspaceScope = '@mutirao/';

/**
 * Builds the bundles into `outdir` and returns what went into them. Each file is
 * written next to its final name and renamed into place, so a hub starting
 * while another process rebuilds never loads half a file.
 */
export async function buildServer({ outdir = defaultOutdir } = {}) {
  const { build } = await import('esbuild');
  // Sources saved while the build runs must count as newer than it.
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Fastify and avvio name plugins after their functions; bundling must not rename them.
    keepNames: true,
    // Stack traces point at the TypeScript sources with `node --enable-source-maps`;
    // the sources themselves are not embedded (the image does not need them).
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [externalDependencies(), sourceLocatedImportMeta(outdir)]
  });

  const problems = checkExternals(result.metafile);
  if (problems.length > 0) {
    throw new Error(
      `The server bundle imports packages a production install would not provide:\n  ${problems.join('\n  ')}\n` +
        'Add each one to "dependencies" of apps/api/package.json (and of the package that imports it).'
    );
  }

  mkdirSync(outdir, { recursive: true });
  const written = new Set([infoFile]);
  for (const file of result.outputFiles) {
    writeAtomically(file.path, file.contents);
    written.add(relative(outdir, file.path));
  }
  const inputs = Object.keys(result.metafile.inputs).map((path) => resolve(root, path));
  const externals = [...new Set(externalImports(result.metafile).map(({ pkg }) => pkg))].sort();
  // Written last: start.mjs trusts the bundles only once this names their inputs.
  writeAtomically(join(outdir, infoFile), JSON.stringify({ builtAt: startedAt, inputs, externals }, null, 2));
  // Leftovers of an older build (renamed entry points) would only confuse; another
  // build's files still being written (*.tmp) are left alone.
  for (const entry of readdirSync(outdir)) {
    if (!written.has(entry) && !entry.endsWith('.tmp')) rmSync(join(outdir, entry), { recursive: true, force: true });
  }
  const bytes = result.outputFiles.filter((f) => f.path.endsWith('.js')).reduce((sum, f) => sum + f.contents.length, 0);
  return { outdir, inputs: inputs.length, externals, bytes };
}

/**
 * Why the bundle in `outdir` must be rebuilt, or null when it is current: a
 * bundle is missing, or one of its inputs (or a workspace manifest, or this
 * script) changed since it was built. Reading the inputs esbuild reported is
 * exact and cheap (a stat per file).
 */
export function serverBuildIsStale({ outdir = defaultOutdir } = {}) {
  let info;
  try {
    info = JSON.parse(readFileSync(join(outdir, infoFile), 'utf8'));
  } catch {
    return `${relative(root, outdir)} is missing`;
  }
  for (const name of Object.keys(entryPoints)) {
    try {
      statSync(join(outdir, `${name}.js`));
    } catch {
      return `${relative(root, outdir)}/${name}.js is missing`;
    }
  }
  const manifests = ['apps/api', 'packages/shared', 'packages/search', 'db'].map((dir) => join(root, dir, 'package.json'));
  for (const path of [...info.inputs, ...manifests, fileURLToPath(import.meta.url)]) {
    let mtimeMs;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      return `${relative(root, path)} is gone`;
    }
    if (mtimeMs > info.builtAt) return `${relative(root, path)} changed since the last build`;
  }
  return null;
}

/** Bare imports: workspace packages are bundled, everything else is left to node_modules. */
function externalDependencies() {
  return {
    name: 'external-dependencies',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith(workspaceScope)) return undefined;
        return { path: args.path, external: true };
      });
    }
  };
}

/**
 * Replaces `import.meta.url` in every bundled source file with that file's own
 * URL, computed at run time from the bundle's URL, so a path derived from it
 * means the same in the bundle as in the source.
 */
function sourceLocatedImportMeta(outdir) {
  return {
    name: 'source-located-import-meta',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.split(sep).includes('node_modules')) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const fromBundle = relative(outdir, args.path).split(sep).join('/');
        return {
          contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`),
          loader: 'ts'
        };
      });
    }
  };
}

/** Every external, non-built-in import in the bundle, with the source file that makes it. */
function externalImports(metafile) {
  const found = [];
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    for (const imported of imports) {
      // `<runtime>` is esbuild's own helper code, inlined into the bundle.
      if (!imported.external || isBuiltin(imported.path) || imported.path === '<runtime>') continue;
      found.push({ input: resolve(root, input), pkg: packageName(imported.path) });
    }
  }
  return found;
}

/**
 * An external import is safe in production when the importing package declares
 * it as a production dependency and so does @mutirao/api, from whose folder the
 * bundle resolves it.
 */
function checkExternals(metafile) {
  const api = readJson(apiPackageJson);
  const problems = new Set();
  for (const { input, pkg } of externalImports(metafile)) {
    const importerManifest = nearestPackageJson(input);
    const importer = readJson(importerManifest);
    const where = relative(root, input);
    if (!isProductionDependency(importer, pkg)) {
      problems.add(`${pkg} (imported by ${where}) is not in "dependencies" of ${relative(root, importerManifest)}`);
    }
    if (!isProductionDependency(api, pkg)) {
      problems.add(`${pkg} (imported by ${where}) is not in "dependencies" of apps/api/package.json`);
    }
  }
  return [...problems];
}

function isProductionDependency(manifest, pkg) {
  return Boolean(manifest.dependencies?.[pkg] ?? manifest.optionalDependencies?.[pkg]);
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function nearestPackageJson(file) {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    try {
      statSync(candidate);
      return candidate;
    } catch {
      if (dirname(dir) === dir) throw new Error(`No package.json above ${file}`);
    }
  }
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
  const started = performance.now();
  try {
    const built = await buildServer({ outdir: values.outdir ? resolve(values.outdir) : defaultOutdir });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Built ${relative(process.cwd(), built.outdir) || '.'}/{server,hub}.js (${(built.bytes / 1024).toFixed(0)} KiB, ` +
        `${built.inputs} sources) in ${seconds} s; external: ${built.externals.join(', ')}`
    );
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
