import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No import loops in the server, its packages and db/ (type-only imports count
 * too: a loop of types still ties the files into one unit). A loop such as
 * cli/seed.ts → a domain's seeder → cli/seed.ts works only while the order of
 * evaluation happens to suit it.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const roots = ['apps/api/src', 'packages/search/src', 'packages/shared/src', 'db'];
const workspace: Record<string, string> = {
  '@mutirao/api': 'apps/api/src',
  '@mutirao/search': 'packages/search/src',
  '@mutirao/shared': 'packages/shared/src',
  '@mutirao/db': 'db'
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'migrations' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

function resolveFile(base: string): string | undefined {
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) return resolveFile(resolve(dirname(from), specifier));
  for (const [name, dir] of Object.entries(workspace)) {
    if (specifier === name) return resolveFile(join(root, dir, dir === 'db' ? 'index' : name === '@mutirao/api' ? 'app' : 'index'));
    if (specifier.startsWith(`${name}/`)) return resolveFile(join(root, dir, specifier.slice(name.length + 1)));
  }
  return undefined;
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of roots.flatMap((r) => sourceFiles(join(root, r)))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(
      file,
      importedFiles.flatMap((i) => resolveImport(file, i.fileName) ?? [])
    );
  }
  return graph;
}

/** Every cycle's files, found by depth-first search (each reported once, from where it was entered). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(root, f)));
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('import graph', () => {
  it('reads the server, including the registry and every domain descriptor', () => {
    const files = [...importGraph().keys()].map((f) => relative(root, f));
    expect(files).toContain('apps/api/src/modules/index.ts');
    expect(files).toContain('apps/api/src/modules/organisations/organisations.module.ts');
  });

  it('finds a loop when there is one', () => {
    const graph = new Map([
      ['/a.ts', ['/b.ts']],
      ['/b.ts', ['/c.ts']],
      ['/c.ts', ['/a.ts']]
    ]);
    expect(cycles(graph)).toHaveLength(1);
  });

  it('has no loops', () => {
    expect(cycles(importGraph())).toEqual([]);
  });
});
