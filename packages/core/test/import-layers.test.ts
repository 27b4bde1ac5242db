// The core's modules form layers: every import points down, none back up
// (docs/decisions/0100). This reads the import statements of every module
// under src/ (type-only imports included: a cycle of types is still a cycle
// for the reader) and fails on any cycle, naming it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Relative specifiers of static imports, re-exports and dynamic `import()`s. */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+'(\.[^']+)'/g, /\bimport\s*\(\s*'(\.[^']+)'\s*\)/g, /\bimport\s+'(\.[^']+)'/g, /typeof import\('(\.[^']+)'\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1] as string);
  return found;
}

function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of modules(SRC)) {
    const targets = importsOf(readFileSync(file, 'utf8')).map((spec) => relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))));
    edges.set(relative(SRC, file), [...new Set(targets)]);
  }
  return edges;
}

/** Every elementary cycle's first occurrence, found by depth-first search. */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...edges.keys()].sort()) if (state.get(node) === undefined) visit(node);
  return cycles;
}

describe('import layers of packages/core/src', () => {
  it('the cycle finder sees a cycle when there is one', () => {
    const edges = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(findCycles(edges)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(importsOf("import type { X } from './x.js';\nconst m = await import('../y/z.js');\nexport { w } from './w.js';")).toEqual(['./x.js', './w.js', '../y/z.js']);
  });

  it('has no import cycle', () => {
    const edges = graph();
    expect(edges.size).toBeGreaterThan(40);
    expect(findCycles(edges).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('the signed client (http/) imports nothing from credentials/', () => {
    const offending = [...graph()].filter(([file, targets]) => file.startsWith('http/') && targets.some((t) => t.startsWith('credentials/')));
    expect(offending).toEqual([]);
  });
});
