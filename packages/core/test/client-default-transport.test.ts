// The default transport (decision 0123): node:http with a keep-alive agent per
// client. A one-shot program never loads undici and exits without `close()`;
// a long-running one keeps its connection.
import { spawn } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockAws, startMockServer, type MockServer } from '@rolecall/mock-aws';
import { createClient, fromStatic, getCallerIdentity } from '../src/index.js';

const mock = createMockAws({ faults: { throttle: { imds: null, sts: null, container: null } } }, { clockMode: 'real' });
const alice = mock.config.users[0]!;
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer(mock, { port: 0 });
});
afterAll(() => server.close());

describe('the default transport', () => {
  it('keeps one connection across sequential calls and closes it on close()', async () => {
    const sockets: unknown[] = [];
    const onSocket = (message: unknown): void => void sockets.push(message);
    subscribe('net.client.socket', onSocket);
    const client = createClient({ env: { AWS_ENDPOINT_URL_STS: server.url }, credentials: fromStatic(alice) });
    try {
      for (let i = 0; i < 3; i++) expect((await getCallerIdentity(client)).Arn).toMatch(/:user\//);
    } finally {
      unsubscribe('net.client.socket', onSocket);
      await client.close();
    }
    expect(sockets).toHaveLength(1);
    const socket = (sockets[0] as { socket: { destroyed: boolean } }).socket;
    expect(socket.destroyed).toBe(true);
  });

  it('in a fresh process: answers without loading undici, and exits without close()', async () => {
    const script = `
import { createRequire } from 'node:module';
import { createClient, getCallerIdentity } from '@rolecall/core';
const out = await getCallerIdentity(createClient());
const undici = Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes('/undici/'));
process.stdout.write(JSON.stringify({ arn: out.Arn, undici: undici.length }));`;
    const env = { PATH: process.env['PATH'] ?? '', AWS_ACCESS_KEY_ID: alice.accessKeyId, AWS_SECRET_ACCESS_KEY: alice.secretAccessKey, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_STS: server.url, AWS_EC2_METADATA_DISABLED: 'true' };
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      // The timeout is a guard, not a measurement: a kept-alive socket that held the process would be killed here.
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('..', import.meta.url)), env, timeout: 15_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ arn: `arn:aws:iam::${mock.config.account}:user/${alice.name}`, undici: 0 });
  });
});
