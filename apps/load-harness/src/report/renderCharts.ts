import type { TopLevelSpec } from 'vega-lite';
import type { StrategyDetail } from '../metrics/computeMetrics.js';
import type { BrookerPoint } from '../sim/brooker.js';

/**
 * Renders a Vega-Lite spec to SVG in Node: compile to Vega, run a headless
 * View (renderer 'none') and serialise. No browser, no canvas.
 * @public
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // Loaded on the first chart: vega's canvas module awaits at top level, which
  // would make the whole package impossible to require() from CommonJS.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Per-client success ratio, one tick per client, a row per strategy. @public */
export function clientSuccessSpec(details: readonly StrategyDetail[]): TopLevelSpec {
  const values = details.flatMap((d) => d.clientRatios.map((ratio) => ({ strategy: d.metrics.name, ratio })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Per-client success ratio (successes / demand)',
    width: 480,
    data: { values },
    mark: { type: 'tick', opacity: 0.5 },
    encoding: {
      x: { field: 'ratio', type: 'quantitative', scale: { domain: [0, 1] }, title: 'success ratio' },
      y: { field: 'strategy', type: 'nominal', title: null },
      color: { field: 'strategy', type: 'nominal', legend: null },
    },
  };
}

/** Goodput (and offered load) per second over the run. @public */
export function goodputSpec(details: readonly StrategyDetail[]): TopLevelSpec {
  const first = details[0];
  const offered = first === undefined ? [] : first.timeline.map((p) => ({ strategy: 'offered load', t: p.t, rps: p.offeredRps }));
  const values = [...offered, ...details.flatMap((d) => d.timeline.map((p) => ({ strategy: d.metrics.name, t: p.t, rps: p.goodputRps })))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Goodput over time',
    width: 560,
    height: 260,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'time (s)' },
      y: { field: 'rps', type: 'quantitative', title: 'successes per second' },
      color: { field: 'strategy', type: 'nominal' },
      strokeDash: { condition: { test: "datum.strategy === 'offered load'", value: [4, 3] }, value: [1, 0] },
    },
  };
}

/** Brooker's chart: total calls (work) against the number of clients. @public */
export function brookerSpec(points: readonly BrookerPoint[], measure: 'calls' | 'timeMs' = 'calls'): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: measure === 'calls' ? 'Work (calls) vs clients — optimistic concurrency' : 'Time to completion vs clients',
    width: 480,
    height: 300,
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'clients', type: 'quantitative', title: 'clients' },
      y: { field: measure, type: 'quantitative', title: measure === 'calls' ? 'calls' : 'time (simulated ms)', scale: { type: measure === 'calls' ? 'linear' : 'log' } },
      color: { field: 'strategy', type: 'nominal' },
    },
  };
}
