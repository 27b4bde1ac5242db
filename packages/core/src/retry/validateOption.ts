import { InvalidOptionError } from '../errors.js';

/**
 * Option checks with p-retry-style messages: the option's full name, what it
 * must be, and what was received.
 * @internal
 */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  return typeof value;
}

/** Requires a finite number ≥ `min` (integers only when `integer`). @internal */
export function checkNumber(
  option: string,
  value: unknown,
  { min = 0, integer = false }: { readonly min?: number; readonly integer?: boolean } = {},
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'an integer' : 'a finite number';
    throw new InvalidOptionError(option, `Expected \`${option}\` to be ${kind} ≥ ${min}, got ${describe(value)}.`);
  }
  return value;
}

/** Requires `value` to be one of `allowed`. @internal */
export function checkOneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidOptionError(
      option,
      `Expected \`${option}\` to be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(value)}.`,
    );
  }
  return value as T;
}

/** Requires `cap ≥ base` for a backoff. @internal */
export function checkBaseAndCap(prefix: string, baseMs: unknown, capMs: unknown): { baseMs: number; capMs: number } {
  const base = checkNumber(`${prefix}.baseMs`, baseMs);
  const cap = checkNumber(`${prefix}.capMs`, capMs);
  if (cap < base) {
    throw new InvalidOptionError(`${prefix}.capMs`, `Expected \`${prefix}.capMs\` (${cap}) to be ≥ \`${prefix}.baseMs\` (${base}).`);
  }
  return { baseMs: base, capMs: cap };
}
