import { createMockAws, mockDispatcher } from '@rolecall/mock-aws';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

function capture(): { write: (s: string) => boolean; text: () => string } {
  let out = '';
  return { write: (s: string) => ((out += s), true), text: () => out };
}

const noFiles = { readFile: async () => Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })) };

async function run(argv: string[], config = {}) {
  const mock = createMockAws(config, { clockMode: 'real' });
  const stdout = capture();
  const stderr = capture();
  const code = await main({ argv: ['imds', ...argv], env: {}, stdout, stderr, cwd: '/', overrides: { dispatcher: mockDispatcher(mock), fs: noFiles, homeDir: '/h' } });
  return { code, stdout: stdout.text(), stderr: stderr.text(), mock };
}

describe('rolecall imds get', () => {
  it('prints one item', async () => {
    const { code, stdout, mock } = await run(['get', 'meta-data/instance-id']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${mock.config.instance.instanceId}\n`);
  });

  it('prints the identity document and user-data', async () => {
    const doc = await run(['get', 'dynamic/instance-identity/document']);
    expect(JSON.parse(doc.stdout).instanceId).toBe(doc.mock.config.instance.instanceId);
    const ud = await run(['get', 'user-data'], { instance: { userData: 'hello' } });
    expect(ud.stdout).toBe('hello\n');
  });

  it('exits 2 on 404', async () => {
    const { code, stderr } = await run(['get', 'meta-data/public-ipv4-nope']);
    expect(code).toBe(2);
    expect(stderr).toContain('404');
  });

  it('takes --endpoint', async () => {
    const { code } = await run(['get', 'meta-data/instance-id', '--endpoint', 'http://127.0.0.1:9']);
    expect(code).toBe(0); // the in-process dispatcher answers any origin
  });

  it('exits 64 on bad usage', async () => {
    expect((await run(['list'])).code).toBe(64);
    expect((await run(['get'])).code).toBe(64);
  });
});
