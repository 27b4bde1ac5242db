import type { FaultPlan, FaultRule, ThrottleSpec } from './MockConfig.js';
import { MockConfigError } from './MockConfigError.js';
import {
  type ErrorCode, boolField, enumField, fail, intField, isRecord, join, numberField, objectField, stringField, stringRecordField,
} from './validate.js';

/** Services a throttle may name (IAM requests share the STS endpoint's throttle). */
const SERVICES = ['imds', 'sts', 'container'] as const;
/** Services a fault rule may name. */
const RULE_SERVICES = ['imds', 'sts', 'iam', 'container'] as const;
const PLAN_FIELDS = ['seed', 'rules', 'throttle'] as const;
const RULE_FIELDS = [
  'service', 'action', 'path', 'client', 'status', 'code', 'message', 'latencyMs', 'hang', 'reset', 'truncateBytes',
  'times', 'probability', 'nth', 'from', 'until', 'headers',
] as const;
const THROTTLE_FIELDS = ['rps', 'burst', 'per', 'rejectCost'] as const;
/** RFC 9110 §5.1 field-name: a token. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;
/**
 * RFC 9110 §5.5 field-value: visible ASCII or obs-text (0x80-0xFF), with
 * spaces and tabs only inside. No CR, LF or NUL (they would split the answer),
 * nothing above U+00FF (no HTTP/1.1 octet carries it): Node's `writeHead` and
 * Fetch's `Headers` both throw on those, so they are refused here, at the door.
 */
const HEADER_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]{0,8190}[\x21-\x7e\x80-\xff])?)?$/;
/** Headers a rule may not set: the fronts frame the answer themselves (Content-Length is the body's). */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'proxy-connection']);
const MAX_LATENCY_MS = 600_000;
/** Rules are tried in order on every request: a bound keeps one plan from slowing every answer. */
export const MAX_FAULT_RULES = 256;
const MAX_RULE_HEADERS = 32;

/**
 * Checks a fault plan (the `POST /_mock/faults` body, or `faults` in the
 * config) and returns a normalized copy. Accepts at least the minimal form in
 * docs/contracts.md; anything else unknown or out of range throws a
 * {@link MockConfigError} naming the field, e.g.
 * `faults.rules[1].probability must be a number from 0 to 1, got 1.5`.
 * @public
 */
export function validateFaultPlan(value: unknown, field = 'faults', code: ErrorCode = 'ERR_ROLECALL_FAULT_PLAN'): FaultPlan {
  const raw = objectField(code, field, value, PLAN_FIELDS);
  const plan: { seed?: number; rules?: FaultRule[]; throttle?: NonNullable<FaultPlan['throttle']> } = {};
  if (raw['seed'] !== undefined) plan.seed = intField(code, join(field, 'seed'), raw['seed'], 0, 0xffff_ffff, 0);
  if (raw['rules'] !== undefined) {
    if (!Array.isArray(raw['rules'])) fail(code, join(field, 'rules'), 'an array of rules', raw['rules']);
    if (raw['rules'].length > MAX_FAULT_RULES) fail(code, join(field, 'rules'), `an array of at most ${MAX_FAULT_RULES} rules`, `${raw['rules'].length} rules`);
    plan.rules = raw['rules'].map((rule, i) => validateRule(rule, `${join(field, 'rules')}[${i}]`, code));
  }
  if (raw['throttle'] !== undefined) {
    const throttleField = join(field, 'throttle');
    const throttle = objectField(code, throttleField, raw['throttle'], SERVICES);
    const out: Partial<Record<(typeof SERVICES)[number], ThrottleSpec | null>> = {};
    for (const service of SERVICES) {
      const spec = throttle[service];
      if (spec === undefined) continue;
      out[service] = spec === null ? null : validateThrottle(spec, join(throttleField, service), code);
    }
    plan.throttle = out;
  }
  return plan;
}

/** @internal */
export function validateThrottle(value: unknown, field: string, code: ErrorCode): ThrottleSpec {
  if (!isRecord(value)) fail(code, field, 'a throttle such as { "rps": 10, "burst": 15, "per": "client" }, or null for none', value);
  const raw = objectField(code, field, value, THROTTLE_FIELDS);
  if (raw['rps'] === undefined) fail(code, join(field, 'rps'), 'a number of requests per second above 0', undefined);
  const rps = numberField(code, join(field, 'rps'), raw['rps'], Number.MIN_VALUE, 1_000_000, 0);
  const burst = intField(code, join(field, 'burst'), raw['burst'], 1, 1_000_000, Math.max(1, Math.ceil(rps)));
  const per = enumField(code, join(field, 'per'), raw['per'], ['client', 'service'] as const, 'client');
  const rejectCost = numberField(code, join(field, 'rejectCost'), raw['rejectCost'], 0, 1_000_000, 0);
  return { rps, burst, per, rejectCost };
}

function validateRule(value: unknown, field: string, code: ErrorCode): FaultRule {
  if (!isRecord(value)) fail(code, field, 'a rule object such as { "service": "sts", "status": 500 }', value);
  const raw = objectField(code, field, value, RULE_FIELDS);
  const f = (key: string): string => join(field, key);
  if (raw['service'] === undefined) fail(code, f('service'), 'one of "imds", "sts", "iam", "container"', undefined);
  const rule: Record<string, unknown> = { service: enumField(code, f('service'), raw['service'], RULE_SERVICES, 'imds') };
  const put = (key: string, v: unknown): void => {
    if (raw[key] !== undefined) rule[key] = v;
  };
  put('action', stringField(code, f('action'), raw['action'], '', /^[A-Za-z0-9_-]{1,64}$/, 'an action name such as "GetCallerIdentity"'));
  put('path', stringField(code, f('path'), raw['path'], '', /^\/\S{0,1023}$/, 'a path glob starting with "/"'));
  put('client', stringField(code, f('client'), raw['client'], '', /^.{1,256}$/s, 'a client name of 1 to 256 characters'));
  put('status', intField(code, f('status'), raw['status'], 100, 599, 500));
  put('code', stringField(code, f('code'), raw['code'], '', /^[A-Za-z0-9._:-]{1,128}$/, 'an error code such as "Throttling"'));
  put('message', stringField(code, f('message'), raw['message'], '', /^.{0,1000}$/s, 'a message of at most 1000 characters'));
  put('latencyMs', intField(code, f('latencyMs'), raw['latencyMs'], 0, MAX_LATENCY_MS, 0));
  put('hang', boolField(code, f('hang'), raw['hang'], false));
  put('reset', boolField(code, f('reset'), raw['reset'], false));
  put('truncateBytes', intField(code, f('truncateBytes'), raw['truncateBytes'], 0, 1_000_000_000, 0));
  put('times', intField(code, f('times'), raw['times'], 1, Number.MAX_SAFE_INTEGER, 1));
  put('probability', numberField(code, f('probability'), raw['probability'], 0, 1, 1));
  put('nth', intField(code, f('nth'), raw['nth'], 1, Number.MAX_SAFE_INTEGER, 1));
  put('from', windowBound(code, f('from'), raw['from']));
  put('until', windowBound(code, f('until'), raw['until']));
  if (raw['headers'] !== undefined) {
    rule['headers'] = validateHeaders(raw['headers'], f('headers'), code);
  }
  if (rule['code'] !== undefined && rule['status'] === undefined) {
    throw new MockConfigError(code, f('code'), `${f('code')} needs a status beside it, e.g. { "status": 400, "code": "Throttling" }`);
  }
  if (rule['hang'] === true && rule['reset'] === true) {
    throw new MockConfigError(code, f('reset'), `${field} cannot both hang and reset: pick one`);
  }
  const effects = ['status', 'latencyMs', 'hang', 'reset', 'truncateBytes'].filter((k) => rule[k] !== undefined && rule[k] !== false);
  if (effects.length === 0) {
    throw new MockConfigError(code, field, `${field} has no effect: give it a status, latencyMs, hang, reset or truncateBytes`);
  }
  return rule as unknown as FaultRule;
}

/** Rule headers per RFC 9110: a bad one is refused naming it, never carried to a front that would throw on it. */
function validateHeaders(value: unknown, field: string, code: ErrorCode): Record<string, string> {
  const headers = stringRecordField(code, field, value);
  const names = Object.keys(headers);
  if (names.length > MAX_RULE_HEADERS) fail(code, field, `at most ${MAX_RULE_HEADERS} headers`, `${names.length} headers`);
  const seen = new Set<string>();
  for (const name of names) {
    const at = `${field}[${JSON.stringify(name.slice(0, 64))}]`;
    if (!HEADER_NAME.test(name)) fail(code, at, 'a header name of token characters (RFC 9110: letters, digits and !#$%&\'*+.^_`|~-)', name);
    const lower = name.toLowerCase();
    if (FRAMING_HEADERS.has(lower)) fail(code, at, 'a header other than the framing ones (content-length, transfer-encoding, connection, ...), which the mock sets itself', name);
    if (seen.has(lower)) fail(code, at, 'named once (header names are case-insensitive)', name);
    seen.add(lower);
    if (!HEADER_VALUE.test(headers[name] as string)) {
      fail(code, at, 'a header value of visible characters with inner spaces or tabs only (RFC 9110: no CR, LF, NUL or character above U+00FF, at most 8192)', headers[name]);
    }
  }
  return headers;
}

function windowBound(code: ErrorCode, field: string, value: unknown): string | number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
  return fail(code, field, 'an ISO-8601 time or milliseconds since the mock started', value);
}
