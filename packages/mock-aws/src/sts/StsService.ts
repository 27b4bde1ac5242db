import type { ResolvedMockConfig } from '../domain/MockConfig.js';
import type { MockRequest, MockResponse } from '../domain/MockRequest.js';
import type { KeyStore } from '../domain/KeyStore.js';
import type { Random } from '../domain/random.js';

/** What the STS service needs from the domain core. @public */
export interface StsContext {
  readonly config: ResolvedMockConfig;
  readonly keys: KeyStore;
  /** Epoch ms on the virtual clock. */
  readonly now: () => number;
  readonly random: Random;
}

/** The outcome of one STS request, with what the journal needs. @public */
export interface StsResult {
  readonly response: MockResponse;
  /** The `Action` parameter, or `Unknown`. */
  readonly action: string;
  /** The AWS error code of an error answer, else null. */
  readonly code: string | null;
  /** The access key that signed, when any (the journal masks it). */
  readonly accessKeyId?: string;
  /** The region of the signature's credential scope, when the request was signed. */
  readonly region?: string;
}

/** @public */
export interface StsService {
  handle(request: MockRequest): Promise<StsResult>;
}
