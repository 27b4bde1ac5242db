import type { Scenario } from '../types.js';
import { HarnessOptionError } from '../errors.js';

/** The strategies a run compares unless told otherwise. @public */
export const DEFAULT_STRATEGIES: readonly string[] = ['none', 'no-jitter', 'full-jitter', 'aws-standard', 'aws-adaptive', 'rolecall', 'undici-retry'];

/** What every built-in scenario can be tuned with (CLI flags). @public */
export interface ScenarioParams {
  readonly clients?: number;
  readonly durationS?: number;
  readonly capacityRps?: number;
  /** Offered load as a multiple of capacity (E1's 0.8 / 1.5 / 3; E2's base). */
  readonly load?: number;
  /** Capacity a rejected request costs the server (ε). */
  readonly rejectCost?: number;
  readonly burst?: number;
  readonly strategies?: readonly string[];
}

const BASE = { clients: 100, durationS: 20, capacityRps: 200, burst: 20, rejectCost: 0.05 } as const;

type Builder = (p: Required<Omit<ScenarioParams, 'strategies'>> & { strategies: readonly string[] }) => Scenario;

/**
 * E1–E6 of docs/reference/fairness.md §6, as data. Each takes the common parameters;
 * defaults fit the 2-core CI machine in real mode (100 clients, C = 200 rps).
 */
const BUILDERS: Readonly<Record<string, { defaults: Partial<ScenarioParams>; build: Builder }>> = {
  'e1-overload': {
    defaults: { load: 3 },
    build: (p) => ({
      ...BASE,
      ...p,
      name: 'e1-overload',
      description: `E1: open-loop offered load ${p.load} × capacity for the whole run`,
      phases: [{ atS: 0, loadFactor: p.load }],
    }),
  },
  'e2-spike': {
    defaults: { load: 0.7, durationS: 40, rejectCost: 0.2 },
    build: (p) => {
      const spikeFrom = p.durationS * 0.25;
      const spikeUntil = p.durationS * 0.5;
      return {
        ...BASE,
        ...p,
        name: 'e2-spike',
        description: `E2: ${p.load} C, then 3 C from ${spikeFrom} s to ${spikeUntil} s, then ${p.load} C; recovery measured after the spike`,
        // Rejections cost a fifth of a request here: the spike's retries must be able to hold the server down (metastability).
        phases: [
          { atS: 0, loadFactor: p.load },
          { atS: spikeFrom, loadFactor: 3 },
          { atS: spikeUntil, loadFactor: p.load },
        ],
        trigger: { fromS: spikeFrom, untilS: spikeUntil },
      };
    },
  },
  'e3-skew': {
    defaults: { load: 1.5 },
    build: (p) => ({
      ...BASE,
      ...p,
      name: 'e3-skew',
      description: `E3: 10 % of clients send 10 × the load; ${p.load} × capacity in total; Jain is demand-normalised`,
      phases: [{ atS: 0, loadFactor: p.load }],
      weights: Array.from({ length: p.clients }, (_, i) => (i % 10 === 0 ? 10 : 1)),
    }),
  },
  'e4-hints': {
    defaults: { load: 0.8 },
    build: (p) => {
      const burstAt = p.durationS * 0.25;
      return {
        ...BASE,
        ...p,
        name: 'e4-hints',
        description: `E4: every throttle carries Retry-After: 2; ${p.load} × capacity with a 1 s burst at 5 × from ${burstAt} s, so many clients get the same hint at once`,
        phases: [
          { atS: 0, loadFactor: p.load },
          { atS: burstAt, loadFactor: 5 },
          { atS: burstAt + 1, loadFactor: p.load },
        ],
        retryAfterS: 2,
      };
    },
  },
  'e5-outage': {
    defaults: { load: 0.7, durationS: 40 },
    build: (p) => ({
      ...BASE,
      ...p,
      name: 'e5-outage',
      description: `E5: ${p.load} × capacity with 10 s of 100 % 503 from ${p.durationS * 0.25} s: quota drain, fail-fast cliff, refill`,
      phases: [{ atS: 0, loadFactor: p.load }],
      outages: [{ fromS: p.durationS * 0.25, untilS: p.durationS * 0.25 + 10, status: 503 }],
      trigger: { fromS: p.durationS * 0.25, untilS: p.durationS * 0.25 + 10 },
    }),
  },
  'e6-quota': {
    defaults: {
      load: 1.2,
      strategies: ['aws-standard@client', 'aws-standard@shared', 'rolecall@client', 'rolecall@shared', 'rolecall@fair-share'],
    },
    build: (p) => ({
      ...BASE,
      ...p,
      name: 'e6-quota',
      description: `E6: quota scope (per client, shared, fair share): ${p.load} × capacity, and 10 % of clients always get 503`,
      phases: [{ atS: 0, loadFactor: p.load }],
      brokenClients: Math.max(1, Math.round(p.clients / 10)),
    }),
  },
};

/** Names of the built-in scenarios (plus `brooker`, simulation only). @public */
export const SCENARIO_NAMES: readonly string[] = [...Object.keys(BUILDERS), 'brooker'];

const ALIASES: Readonly<Record<string, string>> = { e1: 'e1-overload', overload: 'e1-overload', e2: 'e2-spike', spike: 'e2-spike', e3: 'e3-skew', skew: 'e3-skew', e4: 'e4-hints', hints: 'e4-hints', e5: 'e5-outage', outage: 'e5-outage', e6: 'e6-quota', quota: 'e6-quota' };

/**
 * A built-in scenario by name (or alias: `e1`, `overload`, ...), with the
 * given parameters over its defaults.
 * @public
 */
export function builtinScenario(name: string, params: ScenarioParams = {}): Scenario {
  const key = ALIASES[name] ?? name;
  const entry = BUILDERS[key];
  if (entry === undefined) {
    throw new HarnessOptionError('scenario', `Unknown scenario ${JSON.stringify(name)}. Built in: ${SCENARIO_NAMES.join(', ')}; or pass a path to a module exporting \`scenario\`.`);
  }
  const merged = { ...BASE, load: 1, strategies: DEFAULT_STRATEGIES, ...entry.defaults, ...definedOnly(params) };
  return validateScenario(entry.build(merged));
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Checks a scenario's numbers and fills what a user module may leave out. @public */
export function validateScenario(s: Partial<Scenario> & { name: string }): Scenario {
  const positive = (field: string, value: unknown): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new HarnessOptionError(field, `Scenario ${s.name}: ${field} must be a positive number, got ${JSON.stringify(value)}.`);
    }
    return value;
  };
  const clients = positive('clients', s.clients ?? BASE.clients);
  if (!Number.isInteger(clients)) throw new HarnessOptionError('clients', `Scenario ${s.name}: clients must be an integer, got ${clients}.`);
  if (s.weights !== undefined && s.weights.length !== clients) {
    throw new HarnessOptionError('weights', `Scenario ${s.name}: weights has ${s.weights.length} entries for ${clients} clients; give one per client.`);
  }
  return {
    name: s.name,
    description: s.description ?? s.name,
    clients,
    durationS: positive('durationS', s.durationS ?? BASE.durationS),
    capacityRps: positive('capacityRps', s.capacityRps ?? BASE.capacityRps),
    burst: positive('burst', s.burst ?? BASE.burst),
    rejectCost: s.rejectCost ?? BASE.rejectCost,
    phases: s.phases ?? [{ atS: 0, loadFactor: 1 }],
    strategies: s.strategies ?? DEFAULT_STRATEGIES,
    ...(s.weights === undefined ? {} : { weights: s.weights }),
    ...(s.retryAfterS === undefined ? {} : { retryAfterS: s.retryAfterS }),
    ...(s.outages === undefined ? {} : { outages: s.outages }),
    ...(s.trigger === undefined ? {} : { trigger: s.trigger }),
    ...(s.quotaScope === undefined ? {} : { quotaScope: s.quotaScope }),
    ...(s.brokenClients === undefined ? {} : { brokenClients: s.brokenClients }),
    ...(s.strategyOptions === undefined ? {} : { strategyOptions: s.strategyOptions }),
    ...(s.call === undefined ? {} : { call: s.call }),
  };
}
