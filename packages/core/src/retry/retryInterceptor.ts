import type { Dispatcher } from 'undici';
import { RetryAbortedError, RetryGaveUpError } from '../errors.js';
import type { Random } from '../random/random.js';
import { systemClock, type Clock } from '../time/clock.js';
import { classifyError, classifyResponse } from './classifyError.js';
import { createRolecallRetryStrategy } from './createRolecallRetryStrategy.js';
import { readHeader } from './parseRetryAfter.js';
import { retryWithStats } from './retry.js';
import type { RetryErrorInfo, RetryStrategy } from './types.js';

/** @public */
export interface RetryInterceptorOptions {
  /**
   * The strategy every request through this dispatcher shares (so its quota
   * is per dispatcher). Default: one `rolecall` strategy per interceptor.
   */
  readonly strategy?: RetryStrategy | undefined;
  /** Methods retried on any retryable failure. Default GET, HEAD, OPTIONS, PUT, DELETE, TRACE. */
  readonly idempotentMethods?: readonly string[] | undefined;
  /** Per-request override, e.g. AWS Query operations known to be idempotent though POSTed. */
  readonly isIdempotent?: ((opts: Dispatcher.DispatchOptions) => boolean) | undefined;
  /** Bytes of an error body kept to find its AWS error code. Default 64 KiB. */
  readonly maxErrorBodyBytes?: number | undefined;
  /** Sleeps between attempts go through it; undici's own timers stay real. */
  readonly clock?: Clock | undefined;
  readonly random?: Random | undefined;
}

const DEFAULT_IDEMPOTENT = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'];

/** Failures after which the server cannot have processed the request. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/** Finds the AWS error code in a JSON (`__type`, `code`) or XML (`<Code>`) error body, or the `x-amzn-errortype` header. */
function awsErrorCode(body: string, headers: Dispatcher.DispatchOptions['headers'] | Record<string, string | string[] | undefined>): string | undefined {
  const header = readHeader(headers as Record<string, string | undefined>, 'x-amzn-errortype');
  const raw =
    header ??
    /<Code>\s*([^<\s]+)\s*<\/Code>/.exec(body)?.[1] ??
    /"(?:__type|code|Code)"\s*:\s*"([^"]+)"/.exec(body)?.[1];
  // "com.amazon.coral#ThrottlingException:http://..." → "ThrottlingException"
  return raw?.split(':')[0]?.split('#').pop();
}

/** A failure carried through `retryWithStats` as a thrown value. */
class AttemptFailure {
  constructor(
    readonly info: RetryErrorInfo,
    /** What to hand the caller if we stop here: a buffered response, or an error. */
    readonly outcome: BufferedResponse | Error,
  ) {}
}

interface BufferedResponse {
  readonly controller: Dispatcher.DispatchController;
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly statusMessage: string | undefined;
  readonly chunks: Buffer[];
  trailers: Record<string, string | string[] | undefined>;
}

/**
 * The retry engine as an undici interceptor:
 * `agent.compose(retryInterceptor({ strategy }))`. Responses with a retryable
 * status are buffered (to read the AWS error code), then retried per the
 * strategy; when it stops, the last response is delivered as is. A thrown
 * failure that is given up on reaches the handler as the engine's typed error
 * (`RetryAttemptsExhaustedError`, ...; non-retryable errors unchanged).
 *
 * Safety: POST, PATCH and other non-idempotent methods are retried only when
 * the failure proves the request was not processed — a throttling answer (an
 * AWS throttling code, 429, or 503 with a retry hint) or a connection that
 * never opened (ECONNREFUSED, DNS failure, connect timeout). Streamed bodies
 * cannot be replayed and are never retried. Never stack undici's own retry
 * interceptor with this one (retry at one layer only).
 * @example
 * const dispatcher = new Agent().compose(retryInterceptor({ strategy: createRolecallRetryStrategy() }));
 * @public
 */
export function retryInterceptor(options: RetryInterceptorOptions = {}): Dispatcher.DispatcherComposeInterceptor {
  const clock = options.clock ?? systemClock;
  const strategy =
    options.strategy ?? createRolecallRetryStrategy({ clock, ...(options.random === undefined ? {} : { random: options.random }) });
  const idempotentMethods = new Set((options.idempotentMethods ?? DEFAULT_IDEMPOTENT).map((m) => m.toUpperCase()));
  const maxErrorBodyBytes = options.maxErrorBodyBytes ?? 64 * 1024;

  return (dispatch) => (opts, handler) => {
    const body = opts.body;
    const replayable = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
    if (!replayable) return dispatch(opts, handler);
    const idempotent = options.isIdempotent?.(opts) ?? idempotentMethods.has(opts.method.toUpperCase());

    let current: Dispatcher.DispatchController | undefined;
    let started = false;
    let abortReason: Error | null = null;
    const sleepAbort = new AbortController();
    let paused = false;
    const facade: Dispatcher.DispatchController = {
      get aborted() {
        return abortReason !== null;
      },
      get paused() {
        return paused;
      },
      get reason() {
        return abortReason;
      },
      abort(reason) {
        if (abortReason !== null) return;
        abortReason = reason;
        current?.abort(reason);
        sleepAbort.abort(reason);
      },
      pause() {
        paused = true;
        current?.pause();
      },
      resume() {
        paused = false;
        current?.resume();
      },
    };

    const mayRetry = (info: RetryErrorInfo, proofNotProcessed: boolean): RetryErrorInfo =>
      info.errorClass === 'non-retryable' || idempotent || proofNotProcessed ? info : { ...info, errorClass: 'non-retryable' };

    /** One attempt: resolves with true when the response went through to the handler. */
    const attempt = (): Promise<true> =>
      new Promise<true>((resolve, reject) => {
        let buffered: BufferedResponse | undefined;
        let size = 0;
        const attemptHandler: Dispatcher.DispatchHandler = {
          onRequestStart(controller, context) {
            current = controller;
            if (abortReason !== null) controller.abort(abortReason);
            if (!started) {
              started = true;
              handler.onRequestStart?.(facade, context);
            }
          },
          onResponseStart(controller, statusCode, headers, statusMessage) {
            const info = statusCode >= 400 ? classifyResponse({ statusCode, headers }, clock.now()) : undefined;
            // A 4xx/5xx that could be retryable once its body names the AWS code.
            if (info !== undefined && (info.errorClass !== 'non-retryable' || statusCode < 500)) {
              buffered = { controller, statusCode, headers: { ...headers }, statusMessage, chunks: [], trailers: {} };
              return;
            }
            handler.onResponseStart?.(facade, statusCode, headers, statusMessage);
          },
          onResponseData(_controller, chunk) {
            if (buffered === undefined) return handler.onResponseData?.(facade, chunk);
            if (size < maxErrorBodyBytes) buffered.chunks.push(chunk);
            size += chunk.length;
          },
          onResponseEnd(_controller, trailers) {
            if (buffered === undefined) {
              handler.onResponseEnd?.(facade, trailers);
              resolve(true);
              return;
            }
            buffered.trailers = { ...trailers };
            const { statusCode, headers } = buffered;
            const errorCode = awsErrorCode(Buffer.concat(buffered.chunks).toString('utf8'), headers);
            const info =
              classifyResponse({ statusCode, headers, ...(errorCode === undefined ? {} : { errorCode }) }, clock.now()) ??
              ({ errorClass: 'non-retryable' } as const);
            const hinted = info.retryAfterMs !== undefined;
            const proof = info.errorClass === 'throttling' || (statusCode === 503 && hinted);
            reject(new AttemptFailure(mayRetry(info, proof), buffered));
          },
          onResponseError(_controller, error) {
            if (abortReason !== null) return reject(abortReason);
            const info = classifyError(error, clock.now());
            const code = (error as { code?: unknown }).code;
            errorInfos.set(error, mayRetry(info, typeof code === 'string' && NOT_SENT_CODES.has(code)));
            reject(error);
          },
        };
        try {
          dispatch(opts, attemptHandler);
        } catch (error) {
          reject(new AttemptFailure({ errorClass: 'non-retryable' }, error as Error));
        }
      });

    const deliver = (outcome: BufferedResponse | Error): void => {
      if (outcome instanceof Error) {
        handler.onResponseError?.(facade, outcome);
        return;
      }
      handler.onResponseStart?.(facade, outcome.statusCode, outcome.headers, outcome.statusMessage);
      for (const chunk of outcome.chunks) handler.onResponseData?.(facade, chunk);
      handler.onResponseEnd?.(facade, outcome.trailers);
    };

    const errorInfos = new WeakMap<object, RetryErrorInfo>();
    retryWithStats(attempt, {
      strategy,
      clock,
      signal: sleepAbort.signal,
      classify: (failure) => {
        if (failure instanceof AttemptFailure) return failure.info;
        const known = typeof failure === 'object' && failure !== null ? errorInfos.get(failure) : undefined;
        return known ?? classifyError(failure, clock.now());
      },
    }).catch((error: unknown) => {
      if (error instanceof RetryAbortedError || abortReason !== null) {
        deliver(abortReason ?? (error as Error));
      } else if (error instanceof AttemptFailure) {
        // Not retryable: hand over exactly what the server (or socket) said.
        deliver(error.outcome);
      } else if (error instanceof RetryGaveUpError && error.cause instanceof AttemptFailure) {
        // Gave up on a response: the caller sees the last response, as from undici's RetryAgent.
        deliver(error.cause.outcome);
      } else {
        deliver(error as Error);
      }
    });
    return true;
  };
}
