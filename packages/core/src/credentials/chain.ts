import { CredentialsProviderError, CredentialsUnavailableError } from '../errors.js';
import type { CredentialsTraceStep } from '../errors.js';
import type { Clock } from '../time/clock.js';
import { monotonicMs, systemClock } from '../time/clock.js';
import type { Credentials, Provider } from '../identity/Credentials.js';

/** What a chain passes the provider it calls. @public */
export interface ProviderContext {
  /** Aborted when the chain stops waiting (its deadline passed): a provider ends its requests and backoffs then. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * A provider that knows its name (`env`, `profile`, `imds` ...): the name the
 * trace shows. Providers made by the `fromX` factories carry one; a bare
 * function is traced as `custom`. It may read the chain's {@link ProviderContext}.
 * @public
 */
export type NamedProvider = ((context?: ProviderContext) => Promise<Credentials>) & { readonly providerName?: string };

/** The outcome of one resolution through a chain, trace included. @public */
export type ChainResult =
  | { readonly ok: true; readonly credentials: Credentials; readonly trace: readonly CredentialsTraceStep[] }
  | { readonly ok: false; readonly error: CredentialsProviderError; readonly trace: readonly CredentialsTraceStep[] };

/** A chain: a provider that can also say how it resolved. @public */
export interface ChainProvider extends Provider<Credentials> {
  readonly providerName: string;
  /** Resolves once and returns the outcome with every step taken; never throws. */
  resolveWithTrace(): Promise<ChainResult>;
}

/** @public */
export interface ChainOptions {
  /** One deadline for the whole resolution, in ms; a provider still running when it passes is aborted (its context's signal) and traced as failed. */
  readonly deadlineMs?: number;
  /** For the deadline; defaults to the system clock. */
  readonly clock?: Clock;
  /** Decides which provider the final error names when nothing resolved; defaults to {@link intendedProvider}. */
  readonly intended?: (trace: readonly CredentialsTraceStep[], lastError: CredentialsProviderError | undefined) => { provider: string; reason: string };
  /** High-resolution time for the trace's `ms`; defaults to a monotonic clock (`process.hrtime`). */
  readonly now?: () => number;
}

const details = new WeakMap<Credentials, string>();

/**
 * Lets a provider say how it resolved (`role app-role via IMDSv2`), for the
 * trace's `reason`, without putting anything on the credentials object.
 * @internal
 */
export function describeCredentials<T extends Credentials>(credentials: T, detail: string): T {
  details.set(credentials, detail);
  return credentials;
}

/** Names a provider for the trace. @internal */
export function named(name: string, provider: (context?: ProviderContext) => Promise<Credentials>): NamedProvider & { readonly providerName: string } {
  return Object.assign(provider, { providerName: name });
}

/**
 * Which provider the final error should name: the one that failed for real
 * (a configured-but-broken provider is what the user intended), else "chain"
 * with a summary of what each provider needed.
 * @public
 */
export function intendedProvider(trace: readonly CredentialsTraceStep[], _lastError?: CredentialsProviderError): { provider: string; reason: string } {
  const failed = trace.find((s) => s.outcome === 'failed');
  if (failed !== undefined) return { provider: failed.provider, reason: `${failed.provider}: ${failed.reason}` };
  const needs = trace.map((s) => s.provider).join(', ');
  // The last link (IMDS in the default chain) usually says the most: "did not answer within 500 ms (not on EC2?)".
  const last = trace.at(-1);
  const lastWord = last === undefined ? '' : ` (last, ${last.provider}: ${last.reason})`;
  return {
    provider: 'chain',
    reason: `no credential provider is configured (tried ${needs})${lastWord}; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, select a profile with AWS_PROFILE, or run where a container or instance role is available`,
  };
}

function asProviderError(error: unknown, provider: string): CredentialsProviderError {
  if (error instanceof CredentialsProviderError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new CredentialsProviderError(provider, detail, { tryNextLink: false, cause: error });
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/**
 * Tries providers in order. Moves to the next only when the error says so
 * (`tryNextLink: true`, traced as `skipped`); any other error ends the search
 * (traced as `failed`). Every step lands in the trace; the final error is a
 * {@link CredentialsUnavailableError} naming the provider the user evidently
 * intended, with the whole trace.
 *
 * @example
 * ```ts
 * const provider = chain(fromEnv(), fromProfile(), fromInstanceMetadata());
 * const { trace } = await provider.resolveWithTrace();
 * ```
 * @public
 */
export function chain(...providers: NamedProvider[]): ChainProvider {
  return createChain(providers);
}

/**
 * {@link chain} with options: a deadline for the whole resolution and the rule
 * that picks the provider the final error names.
 * @public
 */
export function createChain(providers: readonly NamedProvider[], options: ChainOptions = {}): ChainProvider {
  const now = options.now ?? monotonicMs;
  const clock = options.clock ?? systemClock;
  const intended = options.intended ?? intendedProvider;

  const resolveWithTrace = async (): Promise<ChainResult> => {
    const trace: CredentialsTraceStep[] = [];
    const deadlineAt = options.deadlineMs === undefined ? undefined : clock.now() + options.deadlineMs;
    const deadline = deadlineAt === undefined ? undefined : new AbortController();
    let lastError: CredentialsProviderError | undefined;
    for (const provider of providers) {
      const name = provider.providerName ?? 'custom';
      if (deadlineAt !== undefined && clock.now() >= deadlineAt) {
        trace.push({ provider: name, outcome: 'skipped', reason: `not tried: the ${options.deadlineMs} ms deadline had passed`, ms: 0 });
        continue;
      }
      const started = now();
      try {
        const credentials = deadline === undefined || deadlineAt === undefined ? await provider() : await withDeadline(provider({ signal: deadline.signal }), deadlineAt, clock, name, options.deadlineMs ?? 0, deadline);
        trace.push({ provider: name, outcome: 'ok', reason: details.get(credentials) ?? `credentials from ${credentials.source ?? name}`, ms: round(now() - started) });
        return { ok: true, credentials, trace };
      } catch (error) {
        const failure = asProviderError(error, name);
        lastError = failure;
        trace.push({ provider: name, outcome: failure.tryNextLink ? 'skipped' : 'failed', reason: failure.reason, ms: round(now() - started) });
        if (!failure.tryNextLink) break;
      }
    }
    const { provider, reason } = intended(trace, lastError);
    return { ok: false, error: new CredentialsUnavailableError(provider, reason, trace, { cause: lastError }), trace };
  };

  const provider = async (): Promise<Credentials> => {
    const result = await resolveWithTrace();
    if (result.ok) return result.credentials;
    throw result.error;
  };
  return Object.assign(provider, { providerName: 'chain', resolveWithTrace });
}

/** Rejects when `deadlineAt` passes first, aborting `deadline` so the provider stops what it is waiting for. */
function withDeadline(promise: Promise<Credentials>, deadlineAt: number, clock: Clock, name: string, deadlineMs: number, deadline: AbortController): Promise<Credentials> {
  return new Promise<Credentials>((resolve, reject) => {
    const cancel = clock.setTimeout(() => {
      const error = new CredentialsProviderError(name, `still running when the ${deadlineMs} ms deadline for the whole resolution passed`, { tryNextLink: false });
      reject(error);
      deadline.abort(error);
    }, deadlineAt - clock.now());
    promise.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error);
      },
    );
  });
}
