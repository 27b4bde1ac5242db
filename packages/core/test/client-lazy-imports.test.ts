/**
 * Cold start is measured (bench/whoami-cold.bench.mjs): importing the core —
 * to resolve credentials or a region — must not load an HTTP stack, a signer
 * or an XML parser (docs/decisions/0051). This guards it statically: no
 * module under src/ may import undici, aws4 or fast-xml-parser as a value at
 * its top; they are loaded with `await import()` or `createRequire` on first use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const HEAVY = ['undici', 'aws4', 'fast-xml-parser'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Static value imports and re-exports of a heavy package (type-only ones are erased by the compiler). */
function heavyValueImports(text: string): string[] {
  const found: string[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) {
    const [, , typeOnly, specifier = ''] = match;
    const root = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
    if (typeOnly === undefined && HEAVY.includes(root ?? '')) found.push(specifier);
  }
  for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) {
    if (HEAVY.includes((match[1] ?? '').split('/')[0] ?? '')) found.push(match[1] ?? '');
  }
  return found;
}

describe('lazy heavy dependencies', () => {
  it('finds the pattern it guards against (the check can fail)', () => {
    expect(heavyValueImports("import { request } from 'undici';\nimport type { Dispatcher } from 'undici';")).toEqual(['undici']);
    expect(heavyValueImports("import aws4 from 'aws4';\nexport { XMLParser } from 'fast-xml-parser';")).toEqual(['aws4', 'fast-xml-parser']);
  });

  it('no core module imports undici, aws4 or fast-xml-parser as a value at its top', () => {
    const offenders = sources(SRC).flatMap((file) => heavyValueImports(readFileSync(file, 'utf8')).map((spec) => `${relative(SRC, file)} → ${spec}`));
    expect(offenders).toEqual([]);
  });
});
