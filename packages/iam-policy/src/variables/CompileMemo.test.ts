import { describe, expect, it } from 'vitest';
import type { GlobPiece } from '../glob/compileGlob.js';
import { CompileMemo, parseTemplate, type Lookup } from './Template.js';

const template = parseTemplate("arn:aws:s3:::b/${aws:username}/${aws:PrincipalTag/team, 'none'}/*", true);
const lookupOf =
  (context: Record<string, string | string[]>): Lookup =>
  (key) =>
    context[key];

describe('CompileMemo.resolve', () => {
  it('compiles again when a variable changes value and reuses the last compile when none does', () => {
    const memo = new CompileMemo<string>();
    const compiled: string[] = [];
    const compile = (pieces: readonly GlobPiece[]): string => {
      const text = pieces.map((p) => p.text).join('');
      compiled.push(text);
      return text;
    };
    const missing = (key: string): never => {
      throw new Error(`unexpected missing ${key}`);
    };
    const alice = lookupOf({ 'aws:username': 'alice', 'aws:PrincipalTag/team': 'web' });
    const bob = lookupOf({ 'aws:username': 'bob', 'aws:PrincipalTag/team': 'web' });
    expect(memo.resolve(template, alice, missing, compile)).toBe('arn:aws:s3:::b/alice/web/*');
    expect(memo.resolve(template, alice, missing, compile)).toBe('arn:aws:s3:::b/alice/web/*');
    expect(memo.resolve(template, bob, missing, compile)).toBe('arn:aws:s3:::b/bob/web/*');
    expect(memo.resolve(template, alice, missing, compile)).toBe('arn:aws:s3:::b/alice/web/*');
    expect(compiled).toEqual(['arn:aws:s3:::b/alice/web/*', 'arn:aws:s3:::b/bob/web/*', 'arn:aws:s3:::b/alice/web/*']);
  });

  it('uses the default for an absent or multivalued key, and reports a key with neither', () => {
    const memo = new CompileMemo<string>();
    const compile = (pieces: readonly GlobPiece[]): string => pieces.map((p) => p.text).join('');
    const reported: string[] = [];
    const missing = (key: string): void => {
      reported.push(key);
    };
    expect(memo.resolve(template, lookupOf({ 'aws:username': 'alice', 'aws:PrincipalTag/team': ['a', 'b'] }), missing, compile)).toBe('arn:aws:s3:::b/alice/none/*');
    expect(memo.resolve(template, lookupOf({ 'aws:PrincipalTag/team': 'web' }), missing, compile)).toBeNull();
    expect(reported).toEqual(['aws:username']);
  });
});
