import type { MockRequest } from '../domain/MockRequest.js';

/**
 * The `Action` of an STS request, from the form body or the query string;
 * `Unknown` when there is none or it cannot be read. Cheap and total: the
 * domain core calls it before throttling and fault matching, for every STS
 * request, so it scans for one key and never throws.
 * @public
 */
export function parseStsAction(req: MockRequest): string {
  return parseQueryHead(req).action;
}

/** The largest STS request body the mock reads (decision 0023). @public */
export const MAX_STS_BODY_BYTES = 128 * 1024;

/**
 * A Query request's `Action` (as {@link parseStsAction} reads it) and its raw
 * `Version`, from one scan of the body and then of the query string: the IAM
 * subset answers on the STS endpoint and is told apart by its API version,
 * which fault rules need before the request is handled.
 * @internal
 */
export function parseQueryHead(req: MockRequest): { readonly action: string; readonly version: string | undefined } {
  const head: { action?: string; version?: string } = {};
  if (req.body.byteLength > 0 && req.body.byteLength <= MAX_STS_BODY_BYTES) readPairs(latin1(req.body), head);
  const q = req.path.indexOf('?');
  if (q >= 0 && (head.action === undefined || head.version === undefined)) readPairs(req.path.slice(q + 1), head);
  return { action: head.action ?? 'Unknown', version: head.version };
}

/** Fills in the first `Action` and `Version` of `form` that `head` does not have yet. */
function readPairs(form: string, head: { action?: string; version?: string }): void {
  for (const pair of form.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const key = pair.slice(0, eq);
    if (key === 'Action' && head.action === undefined) {
      const value = pair.slice(eq + 1);
      // Action names are plain ASCII words; anything else is not a known action.
      head.action = /^[A-Za-z0-9]{1,64}$/.test(value) ? value : 'Unknown';
    } else if (key === 'Version' && head.version === undefined) {
      head.version = pair.slice(eq + 1);
    }
    if (head.action !== undefined && head.version !== undefined) return;
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
