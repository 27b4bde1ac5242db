import { compileGlob, matchGlobIn, type Glob, type GlobPiece } from './compileGlob.js';

/**
 * ARN matching as IAM does it for `Resource` and the `Arn*` condition
 * operators: the six colon-separated parts (`arn:partition:service:region:
 * account:resource`, the last keeping any further colons) are matched one by
 * one, so a `*` in the region never eats into the account. A pattern with
 * fewer parts (only `*` in practice) matches its last part against the rest of
 * the value.
 */

const ARN_PARTS = 6;

/** A compiled ARN pattern: one glob per part. @public */
export interface ArnPattern {
  readonly parts: readonly Glob[];
  /**
   * The leading parts without wildcards, each with its colon
   * (`arn:aws:s3:::`): one prefix comparison instead of a part at a time.
   */
  readonly prefix: string;
  /** How many parts the prefix covers (never the last). */
  readonly prefixParts: number;
}

/** Splits pieces at the first five colons (a colon is never a wildcard, literal or not). */
function splitPieces(pieces: readonly GlobPiece[]): GlobPiece[][] {
  const out: GlobPiece[][] = [[]];
  for (const piece of pieces) {
    let rest = piece.text;
    while (out.length < ARN_PARTS) {
      const colon = rest.indexOf(':');
      if (colon === -1) break;
      out[out.length - 1]!.push({ text: rest.slice(0, colon), literal: piece.literal });
      out.push([]);
      rest = rest.slice(colon + 1);
    }
    out[out.length - 1]!.push({ text: rest, literal: piece.literal });
  }
  return out;
}

/** Compiles an ARN pattern from pieces (or plain pattern text). @public */
export function compileArnPattern(pieces: readonly GlobPiece[] | string): ArnPattern {
  const list = typeof pieces === 'string' ? [{ text: pieces, literal: false }] : pieces;
  const parts = splitPieces(list).map((p) => compileGlob(p));
  let prefix = '';
  let prefixParts = 0;
  while (prefixParts < parts.length - 1 && parts[prefixParts]!.mode === 'exact') prefix += parts[prefixParts++]!.exact + ':';
  return { parts, prefix, prefixParts };
}

/**
 * Whether the value matches. Its parts are found colon by colon and matched in
 * place, so nothing is allocated and a first part that differs ends the scan.
 * @public
 */
export function matchArn(pattern: ArnPattern, value: string): boolean {
  const parts = pattern.parts;
  const lastIndex = parts.length - 1;
  if (!value.startsWith(pattern.prefix)) return false;
  let pos = pattern.prefix.length;
  for (let i = pattern.prefixParts; i < lastIndex; i++) {
    const colon = value.indexOf(':', pos);
    if (colon === -1 || !matchGlobIn(parts[i]!, value, pos, colon)) return false;
    pos = colon + 1;
  }
  // The last part keeps any further colons (a resource such as `log-group:/app:*`).
  return matchGlobIn(parts[lastIndex]!, value, pos, value.length);
}
