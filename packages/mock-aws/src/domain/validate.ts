import { MockConfigError } from './MockConfigError.js';

/**
 * Field checks shared by `resolveConfig` and the fault-plan validator. Each
 * returns the value (or the default when the field is absent) or throws a
 * {@link MockConfigError} that names the field, what it must be and what
 * arrived: `instance.hopLimit must be an integer from 1 to 64, got 0`.
 */

/** @internal */
export type ErrorCode = MockConfigError['code'];

/** A value as an error message shows it: JSON, bounded. @internal */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** @internal */
export function fail(code: ErrorCode, field: string, expected: string, got: unknown): never {
  throw new MockConfigError(code, field, `${field === '' ? 'the top level' : field} must be ${expected}, got ${show(got)}`);
}

/** @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks that `value` is an object (or absent, giving `{}`) with only `known` keys. @internal */
export function objectField(code: ErrorCode, field: string, value: unknown, known: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isRecord(value)) fail(code, field, 'an object', value);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new MockConfigError(code, join(field, key), `${join(field, key)} is not a known field; ${field || 'the top level'} accepts: ${known.join(', ')}`);
    }
  }
  return value;
}

/** `a` + `b` as a dotted path (empty `a` gives `b`). @internal */
export function join(field: string, key: string): string {
  return field === '' ? key : `${field}.${key}`;
}

/** @internal */
export function intField(code: ErrorCode, field: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(code, field, `an integer from ${min} to ${max}`, value);
  }
  return value;
}

/** @internal */
export function numberField(code: ErrorCode, field: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(code, field, `a number from ${min} to ${max}`, value);
  }
  return value;
}

/** @internal */
export function stringField(code: ErrorCode, field: string, value: unknown, fallback: string, pattern?: RegExp, expected?: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || (pattern !== undefined && !pattern.test(value))) {
    fail(code, field, expected ?? 'a string', value);
  }
  return value;
}

/** @internal */
export function boolField(code: ErrorCode, field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(code, field, 'true or false', value);
  return value;
}

/** @internal */
export function enumField<T extends string>(code: ErrorCode, field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(code, field, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`, value);
  }
  return value as T;
}

/** A record of string values (tags, headers). @internal */
export function stringRecordField(code: ErrorCode, field: string, value: unknown): Record<string, string> {
  if (!isRecord(value)) fail(code, field, 'an object of strings', value);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') fail(code, join(field, key), 'a string', v);
    out[key] = v;
  }
  return out;
}

/** An ISO-8601 time that `Date.parse` reads. @internal */
export function isoField(code: ErrorCode, field: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) fail(code, field, 'an ISO-8601 time such as "2026-11-28T00:00:00Z"', value);
  return value;
}
