/**
 * JSON from outside (control API bodies, `--config` files) read within limits:
 * the text's size and its nesting are checked before `JSON.parse`, so a deep
 * `[[[[…]]]]` or a huge body is a clear refusal instead of a stack overflow
 * deeper in (docs/decisions/0090).
 */

/** Largest control-API body, in bytes. @public */
export const MAX_CONTROL_JSON_BYTES = 128 * 1024;
/** Deepest nesting of objects and arrays accepted (a fault plan needs 4). @public */
export const MAX_JSON_DEPTH = 32;

/** @public */
export type BoundedJson =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: 'size' | 'depth' | 'syntax'; readonly message: string };

/** Deepest nesting of `text`, stopping as soon as it passes `limit`. Linear; strings are skipped. */
function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Parses `text` as JSON if it is at most `maxBytes` UTF-8 bytes and nests
 * objects and arrays at most `maxDepth` deep.
 * @public
 */
export function parseJsonBounded(text: string, maxBytes: number = MAX_CONTROL_JSON_BYTES, maxDepth: number = MAX_JSON_DEPTH): BoundedJson {
  // length <= bytes <= 3 × length for UTF-16 text: count exactly only when it matters.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes)) {
    return { ok: false, reason: 'size', message: `the JSON is larger than ${maxBytes} bytes` };
  }
  if (nestingExceeds(text, maxDepth)) {
    return { ok: false, reason: 'depth', message: `the JSON nests objects and arrays more than ${maxDepth} deep` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: 'syntax', message: error instanceof Error ? error.message : String(error) };
  }
}
