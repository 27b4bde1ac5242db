import type { StrategyMetrics } from '../metrics/computeMetrics.js';

const COLUMNS: ReadonlyArray<{ head: string; value: (m: StrategyMetrics) => string }> = [
  { head: 'strategy', value: (m) => m.name },
  { head: 'attempts', value: (m) => String(m.attempts) },
  { head: 'ok', value: (m) => String(m.successes) },
  { head: 'failed', value: (m) => String(m.failures) },
  { head: 'goodput/s', value: (m) => m.goodputRps.toFixed(1) },
  { head: 'WA', value: (m) => (m.workAmplification === null ? '∞' : m.workAmplification.toFixed(2)) },
  { head: 'RA', value: (m) => m.retryAmplification.toFixed(2) },
  { head: 'Jain', value: (m) => m.jain.toFixed(3) },
  { head: 'J 1s min', value: (m) => m.jainWindowMin.toFixed(3) },
  { head: 'min/max', value: (m) => m.minMaxRatio.toFixed(2) },
  { head: 'starved', value: (m) => String(m.starvedClients) },
  { head: 'p50 ms', value: (m) => m.latencyMs.p50.toFixed(1) },
  { head: 'p99 ms', value: (m) => m.latencyMs.p99.toFixed(1) },
  { head: 'p99.9 ms', value: (m) => m.latencyMs.p999.toFixed(1) },
  { head: 'throttled', value: (m) => String(m.throttled) },
  { head: 'fail-fast', value: (m) => String(m.failFast) },
  { head: 'recovery s', value: (m) => (m.recoveryS === null ? '-' : m.recoveryS.toFixed(1)) },
];

/** The per-strategy table as rows of cells, header first. @internal */
export function tableRows(strategies: readonly StrategyMetrics[]): string[][] {
  return [COLUMNS.map((c) => c.head), ...strategies.map((m) => COLUMNS.map((c) => c.value(m)))];
}

/**
 * A fixed-width table for the terminal: strategy names left-aligned, numbers
 * right-aligned.
 * @public
 */
export function formatTable(strategies: readonly StrategyMetrics[]): string {
  const rows = tableRows(strategies);
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const [head = [], ...body] = rows;
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}

/** The same table in GitHub Markdown. @internal */
export function markdownTable(strategies: readonly StrategyMetrics[]): string {
  const [head = [], ...body] = tableRows(strategies);
  const row = (r: readonly string[]): string => `| ${r.join(' | ')} |`;
  return [row(head), row(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...body.map(row)].join('\n') + '\n';
}
