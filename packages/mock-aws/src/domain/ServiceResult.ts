import type { MockResponse } from './MockRequest.js';

/**
 * What a service (IMDS, container, STS) hands back to the core: the answer
 * plus what the journal records about it. Same shape as `StsResult`.
 * @internal
 */
export interface ServiceResult {
  readonly response: MockResponse;
  /** Route or action name, e.g. `token`, `credentials`, `GetCallerIdentity`. */
  readonly action: string;
  /** Error code of an error answer, else null. */
  readonly code: string | null;
  /** The access key involved (signer, or the key served); the journal masks it. */
  readonly accessKeyId?: string;
  /** The region a signed request was signed for (its credential scope). */
  readonly region?: string;
  /** A fault the service itself applied (hop limit), for the journal. */
  readonly fault?: string;
}
