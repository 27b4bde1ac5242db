// `rolecall mock` under abuse, as a user runs it: the binary in a fresh process
// on port 0, driven over real sockets. Each test is named after a probe that
// broke the mock or tripped an ordinary client.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';

const BIN = fileURLToPath(new URL('../bin/rolecall.js', import.meta.url));

interface Mock {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  readonly lines: string[];
  readonly stderr: () => string;
  readonly exit: Promise<number | null>;
}

let home: string;
const started: Mock[] = [];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'rolecall-mock-abuse-'));
});
afterAll(async () => {
  for (const m of started) m.child.kill('SIGTERM');
  await Promise.all(started.map((m) => m.exit));
  await rm(home, { recursive: true, force: true });
});

/** Spawns `rolecall mock --port 0 ...`; resolves once it printed its lines (or exited). */
function startMock(args: readonly string[] = [], lastLine = /AWS_CONTAINER_AUTHORIZATION_TOKEN=.*\n/): Promise<Mock & { readonly code?: number | null }> {
  const child = spawn(process.execPath, [BIN, 'mock', '--port', '0', ...args], { env: { PATH: process.env['PATH'] ?? '', HOME: home }, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (lastLine.test(out)) {
        const lines = out.split('\n');
        const url = lines[0]!.replace('listening ', '');
        const mock: Mock = { child, url, port: Number(new URL(url).port), lines, stderr: () => err, exit };
        started.push(mock);
        resolve(mock);
      }
    });
    void exit.then((code) => resolve({ child, url: '', port: 0, lines: out.split('\n'), stderr: () => err, exit, code }));
  });
}

/** Sends raw bytes on a fresh connection and resolves with everything the server wrote before closing (or `idleMs` of quiet). */
function raw(port: number, text: string, idleMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    socket.setTimeout(idleMs, () => socket.destroy());
    socket.on('data', (d: Buffer) => (got += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(got));
    socket.write(text, 'latin1');
  });
}

const json = (body: unknown) => ({ method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
async function call(url: string, options: Parameters<typeof request>[1] = {}): Promise<{ status: number; body: string }> {
  const res = await request(url, options);
  return { status: res.statusCode, body: await res.body.text() };
}

async function imdsAnswers(mock: Mock, client: string): Promise<number> {
  const token = await call(`${mock.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-rolecall-client': client } });
  expect(token.status).toBe(200);
  return (await call(`${mock.url}/latest/meta-data/instance-id`, { headers: { 'x-aws-ec2-metadata-token': token.body, 'x-rolecall-client': client } })).status;
}

describe('rolecall mock under abuse (spawned binary, real sockets)', () => {
  let mock: Mock;
  beforeAll(async () => {
    mock = await startMock();
  });

  it('a fault-rule header with CR/LF or above U+00FF crashed the process (ERR_INVALID_CHAR): now 400 naming the field', async () => {
    for (const value of ['a\r\nSet-Cookie: x=1', 'caf\u0100', 'nul\u0000']) {
      const res = await call(`${mock.url}/_mock/faults`, json({ rules: [{ service: 'imds', status: 503, headers: { 'X-Injected': value } }] }));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'InvalidFaultPlan', field: 'rules[0].headers["X-Injected"]' });
    }
    const badName = await call(`${mock.url}/_mock/faults`, json({ rules: [{ service: 'imds', status: 503, headers: { 'Bad Name': 'x' } }] }));
    expect(JSON.parse(badName.body)).toMatchObject({ error: 'InvalidFaultPlan', field: 'rules[0].headers["Bad Name"]' });
    expect(await imdsAnswers(mock, 'after-crlf')).toBe(200);
    expect(mock.child.exitCode).toBeNull();
  });

  it('a fault-rule header with CR/LF in --config is refused at start with exit 64 naming the field', async () => {
    await writeFile(join(home, 'crlf.json'), JSON.stringify({ faults: { rules: [{ service: 'imds', status: 500, headers: { 'Retry-After': '1\r\nX: y' } }] } }));
    const refused = await startMock(['--config', 'crlf.json']);
    expect(refused.code).toBe(64);
    expect(refused.stderr()).toContain('faults.rules[0].headers["Retry-After"] must be a header value');
  });

  it('advanceMs 8.64e15 wedged every route (500 until restart): now 400 naming the field, and every route answers', async () => {
    const far = await call(`${mock.url}/_mock/clock`, json({ advanceMs: 8.64e15 }));
    expect(far.status).toBe(400);
    expect(JSON.parse(far.body)).toMatchObject({ error: 'InvalidClockChange', field: 'advanceMs' });
    const set = await call(`${mock.url}/_mock/clock`, json({ set: '+275760-09-13T00:00:00.000Z' }));
    expect(JSON.parse(set.body)).toMatchObject({ error: 'InvalidClockChange', field: 'set' });
    // The edge itself is fine, and nothing wedges there.
    expect((await call(`${mock.url}/_mock/clock`, json({ set: '9999-12-31T23:59:00Z' }))).status).toBe(200);
    expect((await call(`${mock.url}/_mock/clock`)).status).toBe(200);
    expect(await imdsAnswers(mock, 'late')).toBe(200);
    expect((await call(`${mock.url}/_mock/reset`, json({}))).status).toBe(200);
  });

  it('a 42-character glob /*a*a…! froze the event loop on a 61-character path: now answered, and the mock keeps serving', async () => {
    const glob = `/${'*a'.repeat(20)}!`;
    expect((await call(`${mock.url}/_mock/faults`, json({ rules: [{ service: 'imds', path: glob, status: 500 }] }))).status).toBe(200);
    const res = await call(`${mock.url}/${'a'.repeat(60)}`, { headers: { 'x-rolecall-client': 'glob' } });
    expect(res.status).toBeLessThan(500);
    expect(await imdsAnswers(mock, 'after-glob')).toBe(200);
    expect((await call(`${mock.url}/_mock/faults`, json({ rules: [] }))).status).toBe(200);
  });

  it('8 KiB x-rolecall-client names grew the journal to 2.6 GB and GET /_mock/journal to a 500: names are cut and the journal answers', async () => {
    const name = 'n'.repeat(8192);
    for (let i = 0; i < 50; i++) await call(`${mock.url}/latest/meta-data/`, { headers: { 'x-rolecall-client': `${name}${i}` } });
    const journal = await call(`${mock.url}/_mock/journal`);
    expect(journal.status).toBe(200);
    const entries = JSON.parse(journal.body) as { client: string }[];
    const long = entries.filter((e) => e.client.startsWith('nnn'));
    expect(long).toHaveLength(50);
    expect(Math.max(...long.map((e) => e.client.length))).toBeLessThanOrEqual(259);
  });

  it('deeply nested JSON to /_mock/faults or /_mock/clock answered 500: now 400', async () => {
    const deep = await call(`${mock.url}/_mock/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `${'['.repeat(50_000)}${']'.repeat(50_000)}` });
    expect(deep.status).toBe(400);
    expect(JSON.parse(deep.body)).toMatchObject({ error: 'JsonTooDeep' });
    const nested = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    const clock = await call(`${mock.url}/_mock/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: nested });
    expect(clock.status).toBe(400);
    const large = await call(`${mock.url}/_mock/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `"${'x'.repeat(200 * 1024)}"` });
    expect(large.status).toBe(400);
    expect(JSON.parse(large.body)).toMatchObject({ error: 'JsonTooLarge' });
  });

  it('CONNECT was dropped without an answer: now 405', async () => {
    const answer = await raw(mock.port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(answer).toContain('"code":"MethodNotAllowed"');
  });

  it('a cross-site text/plain POST from any web page was applied: now refused, and nothing changed', async () => {
    const crossSite = await call(`${mock.url}/_mock/faults`, {
      method: 'POST', headers: { 'content-type': 'text/plain', origin: 'http://evil.example' }, body: JSON.stringify({ rules: [{ service: 'imds', status: 500 }] }),
    });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body)).toMatchObject({ error: 'CrossOrigin' });
    const noOrigin = await call(`${mock.url}/_mock/reset`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(noOrigin.status).toBe(415);
    const sameOrigin = await call(`${mock.url}/_mock/faults`, { headers: { origin: mock.url } });
    expect(sameOrigin.status).toBe(200);
    expect(JSON.parse(sameOrigin.body)).toEqual({ rules: [] });
  });

  it('DNS rebinding could read the journal under a foreign Host: now 403', async () => {
    const answer = await raw(mock.port, `GET /_mock/journal HTTP/1.1\r\nHost: rebound.example:${mock.port}\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
    expect(answer).toContain('"error": "ForeignHost"');
    expect(answer).not.toContain('"seq"');
    const local = await raw(mock.port, `GET /_mock/config HTTP/1.1\r\nHost: localhost:${mock.port}\r\nConnection: close\r\n\r\n`);
    expect(local).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('the default IMDS bucket (10 rps, burst 15) tripped ec2-metadata --all: 40 quick GETs from one client are all 200', async () => {
    const statuses = await Promise.all(Array.from({ length: 40 }, () => call(`${mock.url}/latest/meta-data/local-ipv4`, { method: 'GET', headers: { 'x-rolecall-client': 'ec2-metadata' } }).then((r) => r.status)));
    // IMDSv2 is required by default: without a token each GET is a 401, never a 429.
    expect(statuses.filter((s) => s === 429)).toHaveLength(0);
    const token = (await call(`${mock.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-rolecall-client': 'crawl' } })).body;
    const crawl = await Promise.all(Array.from({ length: 40 }, () => call(`${mock.url}/latest/meta-data/instance-id`, { headers: { 'x-aws-ec2-metadata-token': token, 'x-rolecall-client': 'crawl' } }).then((r) => r.status)));
    expect(crawl).toEqual(Array(40).fill(200));
  });

  it('network/interfaces/macs/MAC/ lacked the VPC keys EC2 lists: served from the config', async () => {
    const token = (await call(`${mock.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })).body;
    const get = (path: string) => call(`${mock.url}/latest/meta-data/network/interfaces/macs/0e:1a:2b:3c:4d:5e/${path}`, { headers: { 'x-aws-ec2-metadata-token': token } });
    expect((await get('')).body.split('\n')).toEqual(expect.arrayContaining(['subnet-ipv4-cidr-block', 'vpc-ipv4-cidr-block', 'vpc-ipv4-cidr-blocks', 'ipv4-associations/']));
    expect((await get('subnet-ipv4-cidr-block')).body).toBe('10.0.1.0/24');
    expect((await get('vpc-ipv4-cidr-block')).body).toBe('10.0.0.0/16');
    expect((await get('vpc-ipv4-cidr-blocks')).body).toBe('10.0.0.0/16');
    expect((await get('ipv4-associations/')).body).toBe('203.0.113.25');
    expect((await get('ipv4-associations/203.0.113.25')).body).toBe('10.0.1.23');
  });

  it('the printed IMDS endpoint had no trailing slash (AWS CLI v2 < 2.13 joins without one): now it ends with /', () => {
    expect(mock.lines[1]).toBe(`export AWS_EC2_METADATA_SERVICE_ENDPOINT=${mock.url}/`);
  });
});

describe('rolecall mock --host beyond loopback', () => {
  it('--host 0.0.0.0 bound every interface without a word: now refused without --allow-non-loopback', async () => {
    const refused = await startMock(['--host', '0.0.0.0']);
    expect(refused.code).toBe(64);
    expect(refused.stderr()).toContain('--host 0.0.0.0 is not a loopback address');
    expect(refused.stderr()).toContain('--allow-non-loopback');
  });

  it('with --allow-non-loopback: a warning, a printed control token, and the control API refuses requests without it', async () => {
    const exposed = await startMock(['--host', '0.0.0.0', '--allow-non-loopback'], /ROLECALL_MOCK_TOKEN=.*\n/);
    expect(exposed.stderr()).toContain('WARNING: listening on 0.0.0.0, beyond loopback');
    const tokenLine = exposed.lines.find((l) => l.startsWith('export ROLECALL_MOCK_TOKEN='));
    expect(tokenLine).toMatch(/^export ROLECALL_MOCK_TOKEN=[A-Za-z0-9_-]{32}$/);
    const token = tokenLine!.split('=')[1]!;
    const base = `http://127.0.0.1:${exposed.port}`;
    const without = await call(`${base}/_mock/journal`);
    expect(without.status).toBe(401);
    expect(JSON.parse(without.body)).toMatchObject({ error: 'MissingControlToken' });
    expect((await call(`${base}/_mock/journal`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await call(`${base}/_mock/journal`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // The fake AWS itself answers as before.
    expect((await call(`${base}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })).status).toBe(200);
  });
});
