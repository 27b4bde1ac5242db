import type { MockRequest } from '../domain/MockRequest.js';

/**
 * The `Action` of an STS request, from the form body or the query string;
 * `Unknown` when there is none or it cannot be read. Cheap and total: the
 * domain core calls it before throttling and fault matching, for every STS
 * request, so it scans for one key and never throws.
 * @public
 */
export function parseStsAction(req: MockRequest): string {
  const fromBody = req.body.byteLength > 0 && req.body.byteLength <= MAX_STS_BODY_BYTES ? findParam(latin1(req.body), 'Action') : undefined;
  if (fromBody !== undefined) return fromBody;
  const q = req.path.indexOf('?');
  return (q >= 0 ? findParam(req.path.slice(q + 1), 'Action') : undefined) ?? 'Unknown';
}

/** The largest STS request body the mock reads (decision 0023). @public */
export const MAX_STS_BODY_BYTES = 128 * 1024;

/**
 * The `Version` of a Query request, read as cheaply as its `Action`: the IAM
 * subset answers on the STS endpoint and is told apart by its API version,
 * which fault rules need before the request is handled.
 * @internal
 */
export function parseQueryVersion(req: MockRequest): string | undefined {
  const fromBody = req.body.byteLength > 0 && req.body.byteLength <= MAX_STS_BODY_BYTES ? findRaw(latin1(req.body), 'Version') : undefined;
  if (fromBody !== undefined) return fromBody;
  const q = req.path.indexOf('?');
  return q >= 0 ? findRaw(req.path.slice(q + 1), 'Version') : undefined;
}

function findRaw(form: string, key: string): string | undefined {
  for (const pair of form.split('&')) {
    const eq = pair.indexOf('=');
    if (eq >= 0 && pair.slice(0, eq) === key) return pair.slice(eq + 1);
  }
  return undefined;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function findParam(form: string, key: string): string | undefined {
  for (const pair of form.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq) !== key) continue;
    const value = pair.slice(eq + 1);
    // Action names are plain ASCII words; anything else is not a known action.
    return /^[A-Za-z0-9]{1,64}$/.test(value) ? value : 'Unknown';
  }
  return undefined;
}
