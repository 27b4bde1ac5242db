import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

function capture(): { write: (s: string) => boolean; text: () => string } {
  let out = '';
  return { write: (s: string) => ((out += s), true), text: () => out };
}

describe('main', () => {
  it('lists the commands with --help and exits 0', async () => {
    const stdout = capture();
    const code = await main({ argv: ['--help'], env: {}, stdout, stderr: capture(), cwd: '/' });
    expect(code).toBe(0);
    for (const name of ['mock', 'whoami', 'explain', 'can', 'imds', 'load', 'demo']) expect(stdout.text()).toContain(name);
  });

  it('refuses an unknown command with exit 64 and names it', async () => {
    const stderr = capture();
    const code = await main({ argv: ['frobnicate'], env: {}, stdout: capture(), stderr, cwd: '/' });
    expect(code).toBe(64);
    expect(stderr.text()).toContain("unknown command 'frobnicate'");
  });
});
