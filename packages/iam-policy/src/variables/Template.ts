import type { GlobPiece } from '../glob/compileGlob.js';

/**
 * Policy variables in a string: `${aws:username}`, `${aws:PrincipalTag/team}`,
 * a default (`${aws:username, 'nobody'}`) and the three escapes `${*}`, `${?}`,
 * `${$}` that stand for a literal `*`, `?` and `$`. Only policies of version
 * 2012-10-17 have variables; older ones keep the text as it is.
 */

/** One part of a template: text as written, or a variable to look up. @public */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'var'; readonly key: string; readonly keyLower: string; readonly fallback: string | undefined };

/** A string with policy variables, split once at parse time. @public */
export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** True when at least one part is a variable (the string depends on the request). */
  readonly dynamic: boolean;
}

const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };
const VARIABLE = /^\s*([A-Za-z0-9_.-]+:[^,}'\s]+)\s*(?:,\s*'([^']*)'\s*)?$/;

/** Splits `source` into text and variables; `variables: false` keeps it all text. @public */
export function parseTemplate(source: string, variables: boolean): Template {
  if (!variables || !source.includes('${')) return { source, parts: [{ kind: 'text', text: source }], dynamic: false };
  const parts: TemplatePart[] = [];
  let dynamic = false;
  let pos = 0;
  let text = '';
  while (pos < source.length) {
    const open = source.indexOf('${', pos);
    if (open === -1) break;
    const close = source.indexOf('}', open + 2);
    if (close === -1) break;
    text += source.slice(pos, open);
    const inner = source.slice(open + 2, close);
    const escape = ESCAPES[inner];
    const variable = escape === undefined ? VARIABLE.exec(inner) : null;
    if (escape !== undefined) {
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'literal', text: escape });
    } else if (variable !== null) {
      if (text) parts.push({ kind: 'text', text });
      text = '';
      const key = variable[1]!;
      parts.push({ kind: 'var', key, keyLower: key.toLowerCase(), fallback: variable[2] });
      dynamic = true;
    } else {
      // Not a variable IAM knows: the characters stay as written.
      text += source.slice(open, close + 1);
    }
    pos = close + 1;
  }
  text += source.slice(pos);
  if (text) parts.push({ kind: 'text', text });
  return { source, parts, dynamic };
}

/** Looks a (lower-cased) context key up; returns undefined when absent. @public */
export type Lookup = (key: string, keyLower: string) => string | readonly string[] | undefined;

/**
 * Resolves a template into glob pieces (variable values and escapes are literal).
 * Returns the key of the first variable that had neither a value nor a default
 * as a string, so the caller can report it missing and treat the element as
 * not matching.
 */
export function resolveTemplate(template: Template, lookup: Lookup): GlobPiece[] | { readonly missing: string } {
  const pieces: GlobPiece[] = [];
  for (const part of template.parts) {
    if (part.kind === 'text') pieces.push({ text: part.text, literal: false });
    else if (part.kind === 'literal') pieces.push({ text: part.text, literal: true });
    else {
      const value = lookup(part.key, part.keyLower);
      // A multivalued key has no single value to substitute.
      const single = typeof value === 'string' ? value : undefined;
      if (single !== undefined) pieces.push({ text: single, literal: true });
      else if (part.fallback !== undefined) pieces.push({ text: part.fallback, literal: true });
      else return { missing: part.key };
    }
  }
  return pieces;
}

/** The resolved string, wildcards and all (for exact-compare operators). @public */
export function piecesText(pieces: readonly GlobPiece[]): string {
  let s = '';
  for (const p of pieces) s += p.text;
  return s;
}

/** The glob pieces of a template without variables (escapes stay literal). @public */
export function staticPieces(template: Template): GlobPiece[] {
  return template.parts.map((p) => (p.kind === 'var' ? { text: '', literal: true } : { text: p.text, literal: p.kind === 'literal' }));
}

/**
 * The last compiled form of a template's resolved value: requests from one
 * principal resolve a template the same way, so compiling once per distinct
 * value is enough. One entry only, so memory stays bounded. The variables'
 * values are compared in place, so a repeat costs their lookups and nothing is
 * allocated.
 * @public
 */
export class CompileMemo<T> {
  #values: string[] = [];
  #value: T | undefined;

  /**
   * The compiled form of `template` resolved against `lookup`; null (after
   * calling `missing` with the key) when a variable has neither a value nor a
   * default.
   */
  resolve(template: Template, lookup: Lookup, missing: (key: string) => void, compile: (pieces: readonly GlobPiece[]) => T): T | null {
    const parts = template.parts;
    const values = this.#values;
    let same = this.#value !== undefined;
    let n = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part.kind !== 'var') continue;
      const value = lookup(part.key, part.keyLower);
      // A multivalued key has no single value to substitute.
      const single = typeof value === 'string' ? value : part.fallback;
      if (single === undefined) {
        missing(part.key);
        return null;
      }
      if (same && values[n] !== single) same = false;
      n++;
    }
    if (same) return this.#value!;
    const pieces = resolveTemplate(template, lookup) as GlobPiece[];
    const next: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part.kind === 'var') next.push(pieces[i]!.text);
    }
    this.#value = compile(pieces);
    this.#values = next;
    return this.#value;
  }
}
