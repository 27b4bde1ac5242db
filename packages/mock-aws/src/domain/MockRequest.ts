/**
 * The neutral request and response every front (MSW handlers, the node:http
 * server, the undici Dispatcher) translates to and from. The domain core knows
 * nothing of Fetch, node:http or undici.
 */

/** The services the mock answers for. @public */
export type MockService = 'imds' | 'sts' | 'container' | 'control';

/** @public */
export interface MockRequest {
  readonly method: string;
  /** Path and query as sent, e.g. `/latest/meta-data/`. */
  readonly path: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /**
   * Who is calling, for per-client throttles and the journal: the
   * `x-rolecall-client` header when present, otherwise the remote address.
   */
  readonly client: string;
  /** The Host header or the URL's host, for signature checks. */
  readonly host: string;
}

/** How a front must deliver a response when a fault shapes it. @public */
export type Delivery =
  | { readonly kind: 'normal' }
  /** Never answer (hop-limit emulation, `hang` faults): the client must time out. */
  | { readonly kind: 'hang' }
  /** Destroy the socket without an answer. */
  | { readonly kind: 'reset' }
  /** Send the headers and part of the body, then destroy the socket. */
  | { readonly kind: 'truncate'; readonly bytes: number };

/** @public */
export interface MockResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
  /** Delay before answering, in ms (latency faults). Fronts wait with their timers. */
  readonly delayMs?: number;
  readonly delivery?: Delivery;
}

/** What the journal records about a handled request (secrets never included). @public */
export interface JournalEntry {
  readonly seq: number;
  /** ISO time on the virtual clock. */
  readonly t: string;
  readonly service: MockService;
  /** STS action, or the IMDS/container route name, e.g. `GetCallerIdentity`, `token`, `credentials`. */
  readonly action: string;
  readonly client: string;
  readonly status: number;
  /** AWS error code when the answer was an error, else null. */
  readonly code: string | null;
  /** The fault rule (by index and kind) that shaped the answer, else null. */
  readonly fault: string | null;
  /** The access key that signed (masked to its last four characters), when any. */
  readonly accessKeyId?: string;
  /** The region a signed request was signed for (its credential scope), when any. */
  readonly region?: string;
  readonly method: string;
  readonly path: string;
  /** Milliseconds of injected latency, when any. */
  readonly delayMs?: number;
}
