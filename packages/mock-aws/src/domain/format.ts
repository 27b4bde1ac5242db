/**
 * Small formatting helpers shared by the IMDS, container and control parts.
 */

/** ISO-8601 without milliseconds, as AWS prints times: `2026-11-28T06:00:00Z`. @internal */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * JSON pretty-printed the way EC2 metadata prints it: two-space indent and a
 * space on each side of the colon (`"Code" : "Success"`).
 * @internal
 */
export function imdsJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((v) => imdsJson(v, indent)).join(', ')} ]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{ }';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${imdsJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** Masks an access key id to its last four characters: `****MPLE`. @internal */
export function maskKey(accessKeyId: string): string {
  return `****${accessKeyId.slice(-4)}`;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A stable AWS-style unique id (`AIDA…`, `AROA…`, `AIPA…`): the prefix plus
 * 17 characters derived from `name` by FNV-1a, so the same principal gets the
 * same id in every run without consuming the seeded random source.
 * @internal
 */
export function stableId(prefix: string, name: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 17; round++) {
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    for (let j = 0; j < 6 && out.length < 17; j++) out += ID_ALPHABET[(h >>> (j * 5)) & 31];
  }
  return `${prefix}${out}`;
}
