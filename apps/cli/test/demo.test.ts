import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/main.js';

function capture(): { write: (s: string) => boolean; text: () => string } {
  let out = '';
  return { write: (s: string) => ((out += s), true), text: () => out };
}

describe('rolecall demo', () => {
  it('tells the story: fake AWS, IMDS credentials, whoami, overload table, report', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'rolecall-demo-'));
    const stdout = capture();
    const code = await main({ argv: ['demo', '--clients', '10', '--duration', '1', '--out', 'rep'], env: {}, stdout, stderr: capture(), cwd, overrides: { realMode: { drainS: 1 } } });
    const out = stdout.text();
    expect(code).toBe(0);
    expect(out).toMatch(/1\. fake AWS \(IMDS, STS\) listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/2\. credentials from the default chain: source imds, key \*\*\*\*\w{4}/);
    expect(out).toMatch(/3\. whoami: account \d{12}, arn:aws:sts::\d{12}:assumed-role\//);
    for (const s of ['no-jitter', 'full-jitter', 'rolecall', 'undici-retry']) expect(out).toMatch(new RegExp(`\\n${s}\\s`));
    expect(out).toContain(`report: ${join(cwd, 'rep', 'summary.md')}`);
    expect(JSON.parse(await readFile(join(cwd, 'rep', 'report.json'), 'utf8')).mode).toBe('real');
  }, 60_000);
});
