import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob } from './compileGlob.js';

/** The old semantics as a backtracking RegExp: the reference on short inputs only. */
function reference(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 's');
}

describe('compileGlob', () => {
  it.each([
    ['/latest/meta-data/iam/security-credentials/*', '/latest/meta-data/iam/security-credentials/app', true],
    ['/latest/meta-data/iam/security-credentials/*', '/latest/meta-data/iam/security-credentials/app/x', false],
    ['/latest/**', '/latest/meta-data/iam/security-credentials/app', true],
    ['/latest/meta-data/?mi-id', '/latest/meta-data/ami-id', true],
    ['/a.b', '/aXb', false],
    ['/a(b)', '/a(b)', true],
    ['/a/***', '/a/b/c', true],
    ['/*/**', '/x', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(compileGlob(glob).test(path)).toBe(expected);
  });

  it('agrees with the regular-expression semantics it replaced', () => {
    const alphabet = fc.constantFrom('/', 'a', 'b', '*', '?', '.');
    const text = (max: number) => fc.array(alphabet, { maxLength: max }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text(10), fc.array(fc.constantFrom('/', 'a', 'b', '.'), { maxLength: 12 }).map((cs) => cs.join('')), (glob, path) => {
        expect(compileGlob(`/${glob}`).test(`/${path}`)).toBe(reference(`/${glob}`).test(`/${path}`));
      }),
      { numRuns: 2000 },
    );
  });

  // Regression: `/*a*a…*a!` against a 61-character path blocked the event loop for > 10 s.
  it('the catastrophic glob takes at most (path + 1) x (tokens + 1) steps', () => {
    const glob = `/${'*a'.repeat(20)}!`; // 42 characters
    const path = `/${'a'.repeat(60)}`; // 61 characters
    const { matched, steps } = compileGlob(glob).testCounting(path);
    expect(matched).toBe(false);
    expect(steps).toBeLessThanOrEqual((path.length + 1) * (glob.length + 1));
    // Linear in the path: 100 times the path costs at most 100 times the bound.
    const long = `/${'a'.repeat(6000)}`;
    expect(compileGlob(glob).testCounting(long).steps).toBeLessThanOrEqual((long.length + 1) * (glob.length + 1));
  });
});
