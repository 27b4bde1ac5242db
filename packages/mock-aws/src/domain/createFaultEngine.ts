import type { FaultPlan, FaultRule } from './MockConfig.js';
import type { Delivery } from './MockRequest.js';
import { type GlobMatcher, compileGlob } from './compileGlob.js';
import { seededRandom } from './random.js';

/** What a fault rule is matched against. @internal */
export interface FaultTarget {
  readonly service: 'imds' | 'sts' | 'iam' | 'container';
  /** STS or IAM action, or the IMDS/container route name. */
  readonly action: string;
  /** The path without its query string. */
  readonly path: string;
  readonly client: string;
}

/** The effects of the rules that applied to one request. @internal */
export interface FaultDecision {
  /** Replace the answer with an error of this status (shaped per service). */
  readonly status?: number;
  readonly code?: string;
  readonly message?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly latencyMs?: number;
  readonly delivery?: Delivery;
  /** For the journal: which rules applied and how, e.g. `rules[0]:status=400`. */
  readonly label: string;
}

/** @internal */
export interface FaultEngine {
  /** Applies the plan to one request: counts it against every matching rule and returns what to do, or null. */
  decide(target: FaultTarget): FaultDecision | null;
}

interface CompiledRule {
  readonly index: number;
  readonly rule: FaultRule;
  readonly path: GlobMatcher | null;
  readonly fromMs: number;
  readonly untilMs: number;
  seen: number;
  applied: number;
}

function bound(value: string | number | undefined, originMs: number, fallback: number): number {
  if (value === undefined) return fallback;
  return typeof value === 'number' ? originMs + value : Date.parse(value);
}

/**
 * Evaluates a validated fault plan (docs/decisions/0013). Rules are tried in
 * order. A rule matches on service and, when given, action, path glob,
 * client and the time window; each match counts towards its `nth`, and it
 * applies when `nth` (if any) is this match, `times` (if any) is not used
 * up and the seeded `probability` (if any) draws it. Effects of every rule
 * that applies combine, the first rule winning for each effect; the search
 * stops at the first rule that ends the request (status, hang or reset), so
 * later such rules keep their `times`. The draws come from the plan's seed,
 * so a run replays exactly.
 * @internal
 */
export function createFaultEngine(plan: FaultPlan, fallbackSeed: number, originMs: number, now: () => number): FaultEngine {
  const random = seededRandom(plan.seed ?? fallbackSeed);
  const rules: CompiledRule[] = (plan.rules ?? []).map((rule, index) => ({
    index,
    rule,
    path: rule.path === undefined ? null : compileGlob(rule.path),
    fromMs: bound(rule.from, originMs, -Infinity),
    untilMs: bound(rule.until, originMs, Infinity),
    seen: 0,
    applied: 0,
  }));

  return {
    decide(target) {
      if (rules.length === 0) return null;
      let t: number | undefined;
      const effects: {
        status?: number; code?: string; message?: string; headers?: Record<string, string>; latencyMs?: number; delivery?: Delivery;
      } = {};
      const labels: string[] = [];
      for (const compiled of rules) {
        const { rule } = compiled;
        if (rule.service !== target.service) continue;
        if (rule.action !== undefined && rule.action !== target.action) continue;
        if (rule.client !== undefined && rule.client !== target.client) continue;
        if (compiled.path !== null && !compiled.path.test(target.path)) continue;
        if (compiled.fromMs !== -Infinity || compiled.untilMs !== Infinity) {
          t ??= now();
          if (t < compiled.fromMs || t >= compiled.untilMs) continue;
        }
        compiled.seen++;
        if (rule.nth !== undefined && compiled.seen !== rule.nth) continue;
        if (rule.times !== undefined && compiled.applied >= rule.times) continue;
        if (rule.probability !== undefined && !(random() < rule.probability)) continue;
        compiled.applied++;
        const parts: string[] = [];
        if (rule.status !== undefined && effects.status === undefined) {
          effects.status = rule.status;
          if (rule.code !== undefined) effects.code = rule.code;
          if (rule.message !== undefined) effects.message = rule.message;
          parts.push(`status=${rule.status}${rule.code === undefined ? '' : ` ${rule.code}`}`);
        }
        if (rule.headers !== undefined) effects.headers = { ...rule.headers, ...effects.headers };
        if (rule.latencyMs !== undefined && effects.latencyMs === undefined) {
          effects.latencyMs = rule.latencyMs;
          parts.push(`latency=${rule.latencyMs}ms`);
        }
        if (effects.delivery === undefined) {
          if (rule.hang === true) effects.delivery = { kind: 'hang' };
          else if (rule.reset === true) effects.delivery = { kind: 'reset' };
          else if (rule.truncateBytes !== undefined) effects.delivery = { kind: 'truncate', bytes: rule.truncateBytes };
          if (effects.delivery !== undefined) parts.push(effects.delivery.kind === 'truncate' ? `truncate=${effects.delivery.bytes}` : effects.delivery.kind);
        }
        labels.push(`rules[${compiled.index}]:${parts.length > 0 ? parts.join('+') : 'shadowed'}`);
        const terminal = rule.status !== undefined || rule.hang === true || rule.reset === true;
        if (terminal) break;
      }
      if (labels.length === 0) return null;
      return { ...effects, label: labels.join(',') };
    },
  };
}
