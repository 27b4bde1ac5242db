import { createContainerService, type ContainerService, isContainerCredentialsPath } from '../container/createContainerService.js';
import { CONTROL_PREFIX, handleControl } from '../control/handleControl.js';
import { createImdsService, type ImdsService, isImdsPath } from '../imds/createImdsService.js';
import { imdsErrorCode } from '../imds/imdsResponses.js';
import { createStsService } from '../sts/createStsService.js';
import { IAM_VERSION } from '../iam/api/iamActions.js';
import { parseQueryHead } from '../sts/parseStsAction.js';
import { stsUserId } from '../sts/principalIds.js';
import { requestId } from '../sts/requestId.js';
import { stsErrorResponse } from '../sts/stsErrorResponse.js';
import type { StsService } from '../sts/StsService.js';
import { createFaultEngine, type FaultDecision, type FaultEngine } from './createFaultEngine.js';
import { createJournal } from './createJournal.js';
import { type ClockMode, createMockClock } from './createMockClock.js';
import { createThrottles, type ThrottledService } from './createThrottles.js';
import { maskKey } from './format.js';
import { createKeyStore } from './KeyStore.js';
import type { MockAws } from './MockAws.js';
import type { FaultPlan, MockConfig, ResolvedMockConfig, ThrottleSpec } from './MockConfig.js';
import type { JournalEntry, MockRequest, MockResponse } from './MockRequest.js';
import { type Random, seededRandom } from './random.js';
import { resolveConfig } from './resolveConfig.js';
import type { ServiceResult } from './ServiceResult.js';
import { validateFaultPlan } from './validateFaultPlan.js';

/** Options of {@link createMockAws}: the side effects it uses. @public */
export interface CreateMockAwsOptions {
  /**
   * Source of every random choice (keys, tokens, request ids). Default: seeded
   * from `config.seed`, re-seeded on reset, so a run replays exactly.
   */
  readonly random?: Random;
  /**
   * `virtual` (default): the clock starts at `config.startTime` and moves only
   * when told. `real`: it follows `now` plus every advance or set, as official
   * tools that sign with the real time need (docs/decisions/0012).
   */
  readonly clockMode?: ClockMode;
  /**
   * A time source, epoch ms. In `real` mode it is read on every call
   * (default `Date.now`); in `virtual` mode it is read once, for where the
   * clock starts (default `config.startTime`).
   */
  readonly now?: () => number;
  /** Journal entries kept (the oldest are dropped beyond it). Default 100 000. */
  readonly journalLimit?: number;
  /** Bytes the journal may hold, as its JSON roughly weighs (the oldest are dropped beyond it). Default 32 MiB. */
  readonly journalMaxBytes?: number;
}

const DEFAULT_JOURNAL_LIMIT = 100_000;
const DEFAULT_JOURNAL_MAX_BYTES = 32 * 1024 * 1024;

/** A {@link MockAws} that also tells how its clock runs and which fault plan is in force. @public */
export interface MockAwsCore extends MockAws {
  readonly clockMode: ClockMode;
  /** The fault plan in force (as configured, or as last set). */
  faults(): FaultPlan;
}

/** STS codes a fault rule gets when it names only a status. */
function defaultStsCode(status: number): string {
  if (status === 400) return 'InvalidParameterValue';
  if (status === 403) return 'AccessDenied';
  if (status === 429) return 'Throttling';
  if (status === 503) return 'ServiceUnavailable';
  return status >= 500 ? 'InternalFailure' : 'InvalidRequest';
}

function defaultMessage(code: string): string {
  switch (code) {
    case 'Throttling':
    case 'ThrottlingException':
      return 'Rate exceeded';
    case 'InternalFailure':
      return 'An internal error has occurred.';
    case 'ServiceUnavailable':
      return 'Service is unable to handle request.';
    default:
      return `${code} (injected by the mock's fault plan)`;
  }
}

function pathOnly(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}

function hasQueryAction(path: string): boolean {
  const q = path.indexOf('?');
  return q >= 0 && /(?:^|&)Action=/.test(path.slice(q + 1));
}

/**
 * The fake AWS's domain core: IMDS v1/v2, container credentials and STS on
 * one virtual clock, with token-bucket throttles, a seeded fault plan, a
 * redacted journal and the `/_mock/` control API — all behind one
 * `handle(request)` that the MSW handlers, the loopback server and the undici
 * Dispatcher translate to.
 *
 * Order of work for a request: route it (IMDS paths, the container path,
 * `/_mock/`, else STS), name its action, consult the fault plan, take a
 * throttle token, then answer: a fault status wins over throttling, which
 * wins over the service; latency and delivery faults then shape whatever
 * answer came out. `handle` never throws: a bug becomes a 500 whose body
 * says so, and the mock keeps serving.
 *
 * @throws {MockConfigError} for an invalid config (`instance.hopLimit must be
 *   an integer from 1 to 64, got 0`).
 * @example
 * ```ts
 * const mock = createMockAws({ instance: { httpTokens: 'optional' } });
 * const token = await mock.handle({ method: 'PUT', path: '/latest/api/token',
 *   headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }, body: new Uint8Array(), client: 'app', host: '169.254.169.254' });
 * mock.clock.advance(6 * 3600_000); // the next credential generation is published
 * ```
 * @public
 */
export function createMockAws(config: MockConfig = {}, options: CreateMockAwsOptions = {}): MockAwsCore {
  const resolved: ResolvedMockConfig = resolveConfig(config);
  const clockMode = options.clockMode ?? 'virtual';
  const startMs = clockMode === 'virtual' && options.now !== undefined ? options.now() : Date.parse(resolved.startTime);
  const clock = createMockClock(clockMode, startMs, options.now ?? Date.now);
  const now = (): number => clock.now();
  const journalLimit = options.journalLimit ?? DEFAULT_JOURNAL_LIMIT;
  if (!Number.isInteger(journalLimit) || journalLimit < 1) {
    throw new RangeError(`createMockAws: options.journalLimit must be a positive integer, got ${journalLimit}`);
  }
  const journalMaxBytes = options.journalMaxBytes ?? DEFAULT_JOURNAL_MAX_BYTES;
  if (!Number.isInteger(journalMaxBytes) || journalMaxBytes < 1024) {
    throw new RangeError(`createMockAws: options.journalMaxBytes must be an integer of at least 1024, got ${journalMaxBytes}`);
  }
  const journal = createJournal(journalLimit, journalMaxBytes);
  const throttles = createThrottles(now);

  // Mutable state, rebuilt by reset().
  let random: Random = options.random ?? seededRandom(resolved.seed);
  const keys = createKeyStore(() => random());
  let originMs = now();
  let plan: FaultPlan = resolved.faults;
  let engine: FaultEngine;
  let imds: ImdsService;
  let container: ContainerService;
  let sts: StsService;

  const effectiveThrottles = (next: FaultPlan): Record<ThrottledService, ThrottleSpec | null> => {
    const pick = (service: ThrottledService, fallback: ThrottleSpec | null): ThrottleSpec | null => {
      const fromPlan = next.throttle?.[service];
      if (fromPlan !== undefined) return fromPlan;
      const configured = resolved.faults.throttle?.[service];
      return configured !== undefined ? configured : fallback;
    };
    return {
      imds: pick('imds', null),
      sts: pick('sts', null),
      // The ECS agent limits the whole endpoint (docs/reference/imds-sts-wire.md §2).
      container: pick('container', { rps: resolved.container.rps, burst: resolved.container.burst, per: 'service', rejectCost: 0 }),
    };
  };

  const applyPlan = (next: FaultPlan): void => {
    plan = next;
    engine = createFaultEngine(next, resolved.seed, originMs, now);
    throttles.configure(effectiveThrottles(next));
  };

  const build = (): void => {
    originMs = now();
    keys.clear();
    for (const user of resolved.users) {
      keys.add({
        accessKeyId: user.accessKeyId,
        secretAccessKey: user.secretAccessKey,
        identity: { kind: 'user', account: resolved.account, arn: `arn:aws:iam::${resolved.account}:user/${user.name}`, userId: stsUserId(resolved.account, user.name) },
        issuedBy: 'config',
      });
    }
    const random_: Random = () => random();
    imds = createImdsService({ config: resolved, keys, now, random: random_, originMs });
    container = createContainerService({ config: resolved, keys, now, originMs });
    sts = createStsService({ config: resolved, keys, now, random: random_ });
    applyPlan(resolved.faults);
  };
  build();

  const record = (entry: Omit<JournalEntry, 'seq'>): void => {
    journal.record(entry);
  };

  const faultResponse = (service: ThrottledService, decision: FaultDecision & { status: number }): { response: MockResponse; code: string } => {
    if (service === 'sts') {
      const code = decision.code ?? defaultStsCode(decision.status);
      return { response: stsErrorResponse(decision.status, code, decision.message ?? defaultMessage(code), requestId(random)), code };
    }
    if (service === 'container') {
      const code = decision.code ?? imdsErrorCode(decision.status);
      return { response: container.error(decision.status, code, decision.message ?? defaultMessage(code)), code };
    }
    return { response: imds.error(decision.status, undefined, decision.message), code: decision.code ?? imdsErrorCode(decision.status) };
  };

  const throttledResponse = (service: ThrottledService): { response: MockResponse; code: string } => {
    if (service === 'sts') return { response: stsErrorResponse(400, 'Throttling', 'Rate exceeded', requestId(random)), code: 'Throttling' };
    if (service === 'container') {
      return { response: container.error(429, 'TooManyRequests', 'Rate exceeded'), code: 'TooManyRequests' };
    }
    return { response: imds.error(429), code: 'TooManyRequests' };
  };

  const route = (request: MockRequest, path: string): ThrottledService => {
    if (resolved.container.enabled && (path === resolved.container.path || isContainerCredentialsPath(path))) return 'container';
    if (isImdsPath(path) && !(path === '/' && (request.method === 'POST' || hasQueryAction(request.path)))) return 'imds';
    if (request.method === 'POST' || hasQueryAction(request.path)) return 'sts';
    // Anything else is an unknown metadata path: IMDS's 404 page.
    return 'imds';
  };

  /** Answers a request; only STS (signature checks) is asynchronous, so IMDS and container answers skip a promise. */
  const serve = (request: MockRequest, path: string, t: string): MockResponse | Promise<MockResponse> => {
    const service = route(request, path);
    const query = service === 'sts' ? parseQueryHead(request) : undefined;
    const action = query !== undefined ? query.action : service === 'imds' ? imds.action(request) : 'credentials';
    // The IAM subset shares the STS endpoint (and its throttle); fault rules may still name it.
    const ruleService = query?.version === IAM_VERSION ? 'iam' : service;
    const decision = engine.decide({ service: ruleService, action, path, client: request.client });
    const allowed = throttles.take(service, request.client);
    let result: ServiceResult;
    let throttled = false;
    if (decision?.status === undefined && allowed && service === 'sts') {
      return sts.handle(request).then((answer) => finish(request, path, t, service, decision, false, answer));
    }
    if (decision?.status !== undefined) {
      const { response, code } = faultResponse(service, decision as FaultDecision & { status: number });
      result = ruleService === 'iam' ? { response, action, code, service: 'iam' } : { response, action, code };
    } else if (!allowed) {
      throttled = true;
      const { response, code } = throttledResponse(service);
      result = { response, action, code };
    } else if (service === 'container') {
      result = container.handle(request);
    } else {
      result = imds.handle(request);
    }
    return finish(request, path, t, service, decision, throttled, result);
  };

  /** Shapes an answer by the fault decision and journals it. */
  const finish = (
    request: MockRequest, path: string, t: string, service: ThrottledService, decision: FaultDecision | null, throttled: boolean, result: ServiceResult,
  ): MockResponse => {
    let response = result.response;
    if (decision !== null) {
      response = {
        ...response,
        ...(decision.headers === undefined ? {} : { headers: { ...response.headers, ...lowerCaseKeys(decision.headers) } }),
        ...(decision.latencyMs === undefined ? {} : { delayMs: (response.delayMs ?? 0) + decision.latencyMs }),
        ...(decision.delivery === undefined ? {} : { delivery: decision.delivery }),
      };
    }
    const entry: Mutable<Omit<JournalEntry, 'seq'>> = {
      t,
      service: result.service ?? service,
      action: result.action,
      client: request.client,
      status: response.status,
      code: result.code,
      fault: faultLabel(decision?.label, result.fault, throttled),
      method: request.method,
      path: journalPath(path),
    };
    if (result.accessKeyId !== undefined) entry.accessKeyId = maskKey(result.accessKeyId);
    if (result.region !== undefined) entry.region = result.region;
    if (response.delayMs !== undefined && response.delayMs !== 0) entry.delayMs = response.delayMs;
    record(entry);
    return response;
  };

  // The journal's `t` (ISO on the mock's clock), formatted once per millisecond.
  let lastMs = NaN;
  let lastIso = '';
  const isoNow = (): string => {
    const ms = now();
    if (ms !== lastMs) {
      lastIso = new Date(ms).toISOString();
      lastMs = ms;
    }
    return lastIso;
  };

  const mock: MockAwsCore = {
    config: resolved,
    clock,
    keys,
    clockMode,
    async handle(incoming) {
      let t = EPOCH_ISO;
      let path = '/';
      let isControl = false;
      let request = incoming;
      try {
        // Everything a request needs is computed in here: no value (a clock, a header) can fail every route.
        t = isoNow();
        const client = boundedClient(incoming.client);
        if (client !== incoming.client) request = { ...incoming, client };
        path = pathOnly(request.path);
        isControl = path === '/_mock' || path.startsWith(CONTROL_PREFIX);
        if (isControl) {
          return handleControl({ config: resolved, clock, clockMode, journal: journal.entries, faults: () => plan, setFaults: mock.setFaults, reset: mock.reset }, request);
        }
        const answer = serve(request, path, t);
        return answer instanceof Promise ? await answer : answer;
      } catch (error) {
        const response = internalError(request, error, isControl ? 'application/json' : 'text/plain');
        if (!isControl) {
          record({
            t,
            service: 'imds',
            action: 'internal-error',
            client: safe(() => boundedClient(String(request.client))),
            status: 500,
            code: 'InternalFailure',
            fault: null,
            method: safe(() => String(request.method)),
            path: journalPath(path),
          });
        }
        return response;
      }
    },
    journal: () => journal.entries(),
    faults: () => plan,
    setFaults(next) {
      applyPlan(validateFaultPlan(next));
    },
    reset() {
      clock.reset();
      journal.clear();
      if (options.random === undefined) random = seededRandom(resolved.seed);
      build();
    },
  };
  return mock;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The journal's `fault`: the fault rules' label, a fault the service applied, `throttle`; null when none. */
function faultLabel(rules: string | undefined, service: string | undefined, throttled: boolean): string | null {
  let label = rules ?? null;
  if (service !== undefined) label = label === null ? service : `${label},${service}`;
  if (throttled) label = label === null ? 'throttle' : `${label},throttle`;
  return label;
}

/** Paths in the journal are bounded: a hostile client cannot make one entry huge. */
function journalPath(path: string): string {
  return path.length > 512 ? `${path.slice(0, 512)}...` : path;
}

/** The longest client name kept; a fault rule's `client` is at most this long too. */
const MAX_CLIENT_CHARS = 256;

/**
 * Client names (`x-rolecall-client`, any length a header allows) are cut like
 * paths before they key a throttle bucket, meet a fault rule or enter the
 * journal, so a long name costs no more memory than a short one.
 */
function boundedClient(client: string): string {
  return client.length > MAX_CLIENT_CHARS ? `${client.slice(0, MAX_CLIENT_CHARS)}...` : client;
}

const EPOCH_ISO = new Date(0).toISOString();

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

/** Reads a field of a request that may itself be broken. */
function safe(read: () => string): string {
  try {
    return read();
  } catch {
    return '(unreadable)';
  }
}

/** A bug in the mock: 500 with a body that says so, and the mock keeps serving. */
function internalError(request: MockRequest, error: unknown, contentType: 'text/plain' | 'application/json'): MockResponse {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'a non-Error value was thrown';
  const what = safe(() => `${String(request.method)} ${journalPath(pathOnly(String(request.path)))}`);
  const message = `rolecall mock: internal error while answering ${what}: ${reason.slice(0, 300)}. The mock keeps serving; please report this as a bug.`;
  const body = contentType === 'application/json' ? JSON.stringify({ error: 'InternalError', message }) : `${message}\n`;
  return { status: 500, headers: { 'content-type': contentType }, body };
}
