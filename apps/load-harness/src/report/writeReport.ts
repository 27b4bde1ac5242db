import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadRun } from '../runLoad.js';
import { renderMarkdown } from './renderMarkdown.js';
import { brookerSpec, clientSuccessSpec, goodputSpec, renderSvg } from './renderCharts.js';
import type { BrookerPoint } from '../sim/brooker.js';

/** Files a report directory holds. @public */
export interface ReportFiles {
  readonly json: string;
  readonly markdown: string;
  readonly charts: readonly string[];
}

/**
 * Writes `report.json` (the `--json` shape), `summary.md` and the SVG charts
 * (`client-success.svg`, `goodput.svg`) into `dir`, creating it.
 * @public
 */
export async function writeReport(dir: string, run: LoadRun, verdicts: readonly string[] = []): Promise<ReportFiles> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'report.json');
  const markdown = join(dir, 'summary.md');
  const success = join(dir, 'client-success.svg');
  const goodput = join(dir, 'goodput.svg');
  await writeFile(json, `${JSON.stringify(run.report, null, 2)}\n`);
  await writeFile(markdown, `${renderMarkdown(run, verdicts)}\n![per-client success](client-success.svg)\n\n![goodput over time](goodput.svg)\n`);
  await writeFile(success, await renderSvg(clientSuccessSpec(run.details)));
  await writeFile(goodput, await renderSvg(goodputSpec(run.details)));
  return { json, markdown, charts: [success, goodput] };
}

/** Brooker's comparison as a Markdown table: calls / time per strategy and client count. @public */
export function brookerMarkdown(points: readonly BrookerPoint[]): string {
  const strategies = [...new Set(points.map((p) => p.strategy))];
  const clients = [...new Set(points.map((p) => p.clients))];
  const cell = (s: string, n: number): string => {
    const p = points.find((x) => x.strategy === s && x.clients === n);
    return p === undefined ? '-' : `${Math.round(p.calls)} / ${Math.round(p.timeMs)}`;
  };
  return [
    "## Brooker's optimistic-concurrency comparison (simulation)",
    '',
    'Calls (work) / time until the last client succeeded (simulated ms); base 5 ms, cap 2 s, network |N(10, 2)| ms.',
    '',
    `| clients | ${strategies.join(' | ')} |`,
    `| ---: | ${strategies.map(() => '---:').join(' | ')} |`,
    ...clients.map((n) => `| ${n} | ${strategies.map((s) => cell(s, n)).join(' | ')} |`),
    '',
  ].join('\n');
}

/** Writes `brooker.json`, `summary.md`, `brooker-work.svg` and `brooker-time.svg` into `dir`. @public */
export async function writeBrookerReport(dir: string, points: readonly BrookerPoint[]): Promise<ReportFiles> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'brooker.json');
  const markdown = join(dir, 'summary.md');
  const work = join(dir, 'brooker-work.svg');
  const time = join(dir, 'brooker-time.svg');
  await writeFile(json, `${JSON.stringify({ scenario: 'brooker', mode: 'sim', points }, null, 2)}\n`);
  await writeFile(markdown, `${brookerMarkdown(points)}\n![work vs clients](brooker-work.svg)\n\n![time vs clients](brooker-time.svg)\n`);
  await writeFile(work, await renderSvg(brookerSpec(points, 'calls')));
  await writeFile(time, await renderSvg(brookerSpec(points, 'timeMs')));
  return { json, markdown, charts: [work, time] };
}
