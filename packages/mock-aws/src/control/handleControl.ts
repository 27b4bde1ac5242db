import type { FaultPlan, ResolvedMockConfig } from '../domain/MockConfig.js';
import type { JournalEntry, MockRequest, MockResponse } from '../domain/MockRequest.js';
import { type ClockMode, MAX_CLOCK_MS, MIN_CLOCK_MS } from '../domain/createMockClock.js';
import { MAX_CONTROL_JSON_BYTES, parseJsonBounded } from '../domain/parseJsonBounded.js';
import type { MockClock } from '../domain/MockAws.js';
import { MockConfigError } from '../domain/MockConfigError.js';
import { validateFaultPlan } from '../domain/validateFaultPlan.js';
import { isRecord, show } from '../domain/validate.js';

/** What the control API drives. @internal */
export interface ControlTarget {
  readonly config: ResolvedMockConfig;
  readonly clock: MockClock;
  readonly clockMode: ClockMode;
  journal(): readonly JournalEntry[];
  faults(): FaultPlan;
  setFaults(plan: FaultPlan): void;
  reset(): void;
}

/** The path prefix of the control API. @internal */
export const CONTROL_PREFIX = '/_mock/';

/** The largest control-API body read: plans are a few KiB; below the server's 256 KiB limit, so its answer is this API's 400. */
const MAX_CONTROL_BODY_BYTES = MAX_CONTROL_JSON_BYTES;

const ROUTES: Readonly<Record<string, string>> = {
  journal: 'GET',
  faults: 'GET, POST',
  clock: 'GET, POST',
  reset: 'POST',
  config: 'GET',
};

function json(status: number, value: unknown, headers?: Readonly<Record<string, string>>): MockResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: `${JSON.stringify(value, null, 2)}\n` };
}

function problem(status: number, error: string, message: string, extra?: Record<string, unknown>, headers?: Record<string, string>): MockResponse {
  return json(status, { error, message, ...extra }, headers);
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const semi = value.indexOf(';');
  return (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase() === 'application/json';
}

function readJson(request: MockRequest, route: string): { ok: true; value: unknown } | { ok: false; response: MockResponse } {
  if (request.body.byteLength > MAX_CONTROL_BODY_BYTES) {
    return { ok: false, response: problem(400, 'JsonTooLarge', `the body of POST /_mock/${route} is ${request.body.byteLength} bytes; the control API takes at most ${MAX_CONTROL_BODY_BYTES}`) };
  }
  const text = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength).toString('utf8');
  if (text.trim() === '') {
    return { ok: false, response: problem(400, 'InvalidJson', `POST /_mock/${route} needs a JSON body, got an empty one`) };
  }
  const parsed = parseJsonBounded(text, MAX_CONTROL_BODY_BYTES);
  if (parsed.ok) return parsed;
  const error = parsed.reason === 'depth' ? 'JsonTooDeep' : parsed.reason === 'size' ? 'JsonTooLarge' : 'InvalidJson';
  return { ok: false, response: problem(400, error, `the body of POST /_mock/${route} is not usable JSON: ${parsed.message}`) };
}

/** The effective configuration without secrets: users' secret keys and the container token are redacted. @internal */
export function redactedConfig(config: ResolvedMockConfig): unknown {
  return {
    ...config,
    users: config.users.map((u) => ({ ...u, secretAccessKey: '<redacted>' })),
    container: { ...config.container, authorizationToken: config.container.authorizationToken === null ? null : '<redacted>' },
  };
}

/**
 * The `/_mock/` control API (docs/contracts.md, "The mock's control API"): the
 * journal, the fault plan, the clock, reset and the effective config, as
 * JSON. Mistakes answer 400 with `{ error, message, field? }` naming what to
 * fix. These requests are not journaled.
 * @internal
 */
export function handleControl(target: ControlTarget, request: MockRequest): MockResponse {
  const q = request.path.indexOf('?');
  const route = (q < 0 ? request.path : request.path.slice(0, q)).slice(CONTROL_PREFIX.length).replace(/\/$/, '');
  const allowed = ROUTES[route];
  if (allowed === undefined) {
    return problem(404, 'NotFound', `no control route /_mock/${route}; routes: ${Object.keys(ROUTES).map((r) => `/_mock/${r}`).join(', ')}`);
  }
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  if (!allowed.split(', ').includes(method)) {
    return problem(405, 'MethodNotAllowed', `/_mock/${route} accepts ${allowed}, got ${request.method}`, undefined, { allow: allowed });
  }
  // A write must say it is JSON: browsers send text/plain and form types cross-site without asking (no CORS preflight).
  if (method === 'POST' && !isJsonContentType(request.headers['content-type'])) {
    return problem(
      415, 'UnsupportedMediaType',
      `POST /_mock/${route} needs content-type: application/json (got ${request.headers['content-type'] === undefined ? 'none' : show(request.headers['content-type'])})`,
      undefined, { accept: 'application/json' },
    );
  }
  switch (`${method} ${route}`) {
    case 'GET journal':
      return json(200, target.journal());
    case 'GET faults':
      return json(200, target.faults());
    case 'POST faults': {
      const body = readJson(request, 'faults');
      if (!body.ok) return body.response;
      try {
        const plan = validateFaultPlan(body.value, '');
        target.setFaults(plan);
        return json(200, { ok: true, rules: plan.rules?.length ?? 0 });
      } catch (error) {
        if (error instanceof MockConfigError) return problem(400, 'InvalidFaultPlan', error.message, { field: error.field });
        throw error;
      }
    }
    case 'GET clock':
      return json(200, { now: new Date(target.clock.now()).toISOString(), mode: target.clockMode });
    case 'POST clock': {
      const body = readJson(request, 'clock');
      if (!body.ok) return body.response;
      return moveClock(target, body.value);
    }
    case 'POST reset':
      target.reset();
      return json(200, { ok: true, now: new Date(target.clock.now()).toISOString() });
    default:
      return json(200, redactedConfig(target.config));
  }
}

const RANGE_END = new Date(MAX_CLOCK_MS).toISOString();

function moveClock(target: ControlTarget, value: unknown): MockResponse {
  const usage = 'send { "advanceMs": N } with N >= 0, or { "set": "2026-11-28T06:00:00Z" }';
  if (!isRecord(value)) return problem(400, 'InvalidClockChange', `${usage}; got ${show(value)}`);
  const keys = Object.keys(value);
  if (keys.length !== 1 || (keys[0] !== 'advanceMs' && keys[0] !== 'set')) {
    return problem(400, 'InvalidClockChange', `${usage}; got the fields ${keys.length === 0 ? '(none)' : keys.join(', ')}`);
  }
  if (keys[0] === 'advanceMs') {
    const ms = value['advanceMs'];
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      return problem(400, 'InvalidClockChange', `advanceMs must be a number of milliseconds >= 0, got ${show(ms)}`, { field: 'advanceMs' });
    }
    const room = MAX_CLOCK_MS - target.clock.now();
    if (ms > room) {
      return problem(400, 'InvalidClockChange', `advanceMs must keep the clock at or before ${RANGE_END} (at most ${room} from now), got ${show(ms)}`, { field: 'advanceMs' });
    }
    target.clock.advance(ms);
  } else {
    const iso = value['set'];
    const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
    if (Number.isNaN(ms)) {
      return problem(400, 'InvalidClockChange', `set must be an ISO-8601 time such as "2026-11-28T06:00:00Z", got ${show(iso)}`, { field: 'set' });
    }
    if (ms < MIN_CLOCK_MS || ms > MAX_CLOCK_MS) {
      return problem(400, 'InvalidClockChange', `set must be a time from 1970-01-01T00:00:00Z to ${RANGE_END}, got ${show(iso)}`, { field: 'set' });
    }
    target.clock.set(ms);
  }
  return json(200, { now: new Date(target.clock.now()).toISOString(), mode: target.clockMode });
}
