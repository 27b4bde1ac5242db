// retry() around your own function. Any async function is retried when what
// it throws is throttling or transient: an error carrying an HTTP status
// (`statusCode`), an AWS error code (`code`) or a socket code; anything else
// is thrown at once. Here the function reads instance metadata through IMDSv2
// with fetch, from the endpoint in AWS_EC2_METADATA_SERVICE_ENDPOINT (e.g.
// `rolecall mock`). Exit 0 with what it read; when retrying gives up (or the
// error is not retryable) the error ends the program with exit code 1.
import { Agent, request } from 'undici';
import { retry, retryWithStats, createRetryStrategy, retryInterceptor } from '@rolecall/core';

const IMDS = process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] ?? 'http://169.254.169.254';

/**
 * Your function: throws with the HTTP status, so the retry engine can tell a 500 (retry) from a 404 (don't).
 * @param {string} path
 * @param {AbortSignal | null} [signal]
 */
async function readMetadata(path, signal = null) {
  const put = await fetch(new URL('/latest/api/token', IMDS), { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' }, signal });
  const token = await textOf(put);
  return textOf(await fetch(new URL(`/latest/meta-data/${path}`, IMDS), { headers: { 'x-aws-ec2-metadata-token': token }, signal }));
}

/** @param {Response} response */
async function textOf(response) {
  const body = await response.text();
  if (!response.ok) throw Object.assign(new Error(`${response.url} answered ${response.status}`), { statusCode: response.status });
  return body;
}

const signal = AbortSignal.timeout(10_000);
const region = await retry(() => readMetadata('placement/region', signal), { signal, totalTimeMs: 10_000 });
const shared = createRetryStrategy('rolecall');        // share one strategy = one retry budget
const { value, attempts, totalDelayMs } = await retryWithStats(() => readMetadata('instance-id'), { strategy: shared });
console.log(`instance-id ${value} (region ${region}): ${attempts} attempts, ${totalDelayMs} ms of backoff`);

// The same strategy inside undici: every request through this dispatcher is retried.
const dispatcher = new Agent().compose(retryInterceptor({ strategy: shared }));
const { statusCode, body } = await request(new URL('/latest/api/token', IMDS), { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' }, dispatcher });
await body.dump();
console.log(`token PUT through the retrying dispatcher: ${statusCode}`);
await dispatcher.close();
