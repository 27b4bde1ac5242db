import type { LoadRun } from '../runLoad.js';
import { markdownTable } from './formatTable.js';

/**
 * The run as a Markdown summary: what ran, the table, the harness's own
 * health, warnings, and (in CI) the threshold verdicts.
 * @public
 */
export function renderMarkdown(run: LoadRun, verdicts: readonly string[] = []): string {
  const r = run.report;
  const lines = [
    `## rolecall load: ${r.scenario} (${r.mode === 'sim' ? 'simulation' : 'real mode'})`,
    '',
    `${run.scenario.description}.`,
    '',
    `${r.clients} clients, ${r.durationS} s, capacity ${r.capacityRps} rps (burst ${run.scenario.burst}, rejected work costs ${run.scenario.rejectCost}), seed ${r.seed}.`,
    '',
    markdownTable(r.strategies),
    'WA = attempts / successes; RA = retries / first attempts; Jain over per-client success ratios (demand-normalised); ' +
      'starved = no success in the run or in some 5 s window with demand; latency from arrival to answer, backoff included.',
    '',
    `Starved clients expected by chance alone (random winners at the run's success rate): ${run.details.map((d) => `${d.metrics.name} ${d.starvedByChance}`).join(', ')}.`,
    '',
    `Busiest 100 ms of retries, as a rate (capacity ${run.report.capacityRps} rps; far above it = clients retrying in step): ${run.details.map((d) => `${d.metrics.name} ${d.retryPeakRps}/s`).join(', ')}.`,
    '',
  ];
  if (run.health.length > 0) {
    lines.push('### Harness', '', '| strategy | process CPU (share of a core) | of which the mock | event-loop p99 ms | max ms |', '| --- | ---: | ---: | ---: | ---: |');
    for (const h of run.health) lines.push(`| ${h.strategy} | ${h.cpuShare.toFixed(2)} | ${h.mockShare.toFixed(2)} | ${h.eventLoopP99Ms.toFixed(1)} | ${h.eventLoopMaxMs.toFixed(1)} |`);
    lines.push('');
  }
  if (run.warnings.length > 0) lines.push('### Warnings', '', ...run.warnings.map((w) => `- ${w}`), '');
  if (verdicts.length > 0) lines.push('### Thresholds', '', ...verdicts.map((v) => `- ${v}`), '');
  return lines.join('\n');
}
