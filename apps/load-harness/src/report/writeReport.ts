import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadRun } from '../runLoad.js';
import { renderMarkdown } from './renderMarkdown.js';
import { clientSuccessSpec, goodputSpec, renderSvg } from './renderCharts.js';

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
