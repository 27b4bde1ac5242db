import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { main } from '../src/main.js';

function capture(): { write: (s: string) => boolean; text: () => string; firstLines: (n: number) => Promise<string[]> } {
  let out = '';
  const waiters: (() => void)[] = [];
  return {
    write: (s: string) => {
      out += s;
      for (const wake of waiters.splice(0)) wake();
      return true;
    },
    text: () => out,
    firstLines: async (n) => {
      while (out.split('\n').length <= n) await new Promise<void>((resolve) => waiters.push(resolve));
      return out.split('\n').slice(0, n);
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolecall-mock-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(argv: string[], signal?: AbortSignal) {
  const stdout = capture();
  const stderr = capture();
  const exit = main({ argv: ['mock', ...argv], env: {}, stdout, stderr, cwd: dir, ...(signal ? { signal } : {}) });
  return { stdout, stderr, exit };
}

describe('rolecall mock', () => {
  it('prints "listening URL" first, then the exports, serves, and stops on abort', async () => {
    const controller = new AbortController();
    const { stdout, exit } = run(['--port', '0'], controller.signal);
    const lines = await stdout.firstLines(5);
    const url = /^listening (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? '')?.[1];
    expect(url).toBeDefined();
    expect(lines.slice(1, 3)).toEqual([`export AWS_EC2_METADATA_SERVICE_ENDPOINT=${url}/`, `export AWS_ENDPOINT_URL_STS=${url}`]);
    expect(lines[3]).toMatch(new RegExp(`^export AWS_CONTAINER_CREDENTIALS_FULL_URI=${url}/`));
    expect(lines[4]).toMatch(/^export AWS_CONTAINER_AUTHORIZATION_TOKEN=/);

    const token = await request(`${url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } });
    expect(token.statusCode).toBe(200);
    await token.body.text();

    controller.abort();
    expect(await exit).toBe(0);
    await expect(request(`${url}/latest/meta-data/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('reads a JSON config file relative to the working directory', async () => {
    await writeFile(join(dir, 'mock.json'), JSON.stringify({ instance: { instanceId: 'i-0123456789abcdef0', httpTokens: 'optional' } }));
    const controller = new AbortController();
    const { stdout, exit } = run(['--port', '0', '--config', 'mock.json'], controller.signal);
    const url = (await stdout.firstLines(1))[0]!.replace('listening ', '');
    const res = await request(`${url}/latest/meta-data/instance-id`);
    expect(await res.body.text()).toBe('i-0123456789abcdef0');
    controller.abort();
    expect(await exit).toBe(0);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { stdout, stderr, exit } = run(['--port', String(port)], new AbortController().signal);
      expect(await exit).toBe(1);
      expect(stderr.text()).toBe(`rolecall mock: port ${port} on 127.0.0.1 is in use: pass --port 0 for a free one or stop the other process\n`);
      expect(stdout.text()).toBe('');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('exits 1 naming the host when it is not an address of this machine', async () => {
    const { stderr, exit } = run(['--port', '0', '--host', '203.0.113.7', '--allow-non-loopback'], new AbortController().signal);
    expect(await exit).toBe(1);
    expect(stderr.text()).toMatch(/cannot listen on 203\.0\.113\.7 port 0 \(EADDRNOTAVAIL\): --host must name an address of this machine/);
  });

  it.each([
    [['--config', 'missing.json'], /cannot read the config file .*missing\.json: no such file/],
    [['--config', 'broken.json'], /the config file .*broken\.json is not valid JSON/],
    [['--config', 'array.json'], /the config file .*array\.json must hold a JSON object/],
    [['--config', 'refused.json'], /the config file .*refused\.json was refused: instance\.hopLimit must be an integer from 1 to 64, got 0/],
    [['--port', 'abc'], /--port must be an integer from 0 to 65535, got 'abc'/],
    [['--port', '70000'], /--port must be an integer/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('refuses %j with exit 64 and says why', async (argv, message) => {
    await writeFile(join(dir, 'broken.json'), '{ "instance": ');
    await writeFile(join(dir, 'array.json'), '[]');
    await writeFile(join(dir, 'refused.json'), JSON.stringify({ instance: { hopLimit: 0 } }));
    const { stderr, exit } = run(argv, new AbortController().signal);
    expect(await exit).toBe(64);
    expect(stderr.text()).toMatch(message);
  });

  it('prints its usage with --help', async () => {
    const { stdout, exit } = run(['--help']);
    expect(await exit).toBe(0);
    expect(stdout.text()).toContain('usage: rolecall mock [--port 1338] [--host 127.0.0.1] [--config FILE] [--allow-non-loopback]');
  });
});
