import { createServer } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Agent, request } from 'undici';
import { PortInUseError, startMockServer } from '../src/index.js';
import type { MockServer } from '../src/index.js';
import { fakeMock } from './fronts-fake.js';

const IPV6 = await new Promise<boolean>((resolve) => {
  const probe = createServer().once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});

const servers: MockServer[] = [];
async function start(mock = fakeMock(), options: Parameters<typeof startMockServer>[1] = {}) {
  const server = await startMockServer(mock, { port: 0, ...options });
  servers.push(server);
  return { mock, server };
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('startMockServer', () => {
  it('translates a request to the neutral form and the answer back', async () => {
    const { mock, server } = await start();
    const res = await request(`${server.url}/echo?x=1`, {
      method: 'POST',
      headers: { 'x-rolecall-client': 'alice', 'content-type': 'text/plain', 'x-many': ['a', 'b'] },
      body: 'hello',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-amzn-requestid']).toBe('req-1');
    const echoed = (await res.body.json()) as Record<string, unknown>;
    expect(echoed).toMatchObject({ method: 'POST', path: '/echo?x=1', client: 'alice', host: `127.0.0.1:${server.port}`, body: 'hello' });
    expect((echoed.headers as Record<string, string>)['x-many']).toBe('a, b');
    expect(mock.seen).toHaveLength(1);
  });

  it('names the caller by remote address without x-rolecall-client', async () => {
    const { mock, server } = await start();
    await (await request(`${server.url}/echo`)).body.text();
    expect(mock.seen[0]?.client).toBe('127.0.0.1');
  });

  it('prints the exports real tools need', async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.exports).toEqual({
      // The slash: AWS CLI v2 before 2.13 joins endpoint and path without one.
      AWS_EC2_METADATA_SERVICE_ENDPOINT: `${server.url}/`,
      AWS_ENDPOINT_URL_STS: server.url,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}/v2/credentials/task`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'fake-container-token',
    });
  });

  it('answers 413 to an oversize body and keeps serving on the same connection', async () => {
    const { mock, server } = await start(fakeMock(), { maxBodyBytes: 1024 });
    const agent = new Agent({ connections: 1 });
    const big = await request(`${server.url}/echo`, { method: 'POST', body: 'x'.repeat(5000), dispatcher: agent });
    expect(big.statusCode).toBe(413);
    expect(await big.body.json()).toMatchObject({ code: 'RequestEntityTooLarge' });
    const next = await request(`${server.url}/echo`, { method: 'POST', body: 'y', dispatcher: agent });
    expect(next.statusCode).toBe(200);
    await next.body.text();
    expect(mock.seen.map((r) => Buffer.from(r.body).toString())).toEqual(['y']);
    await agent.close();
  });

  it('resets the connection for a reset delivery', async () => {
    const { server } = await start();
    await expect(request(`${server.url}/reset`)).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it('announces the full length and breaks off a truncated body', async () => {
    const { server } = await start();
    const res = await request(`${server.url}/truncate`);
    expect(res.headers['content-length']).toBe('26');
    await expect(res.body.text()).rejects.toThrow();
  });

  it('keeps a hung request open until the client gives up, then serves others', async () => {
    const { server } = await start();
    const hung = request(`${server.url}/hang`, { signal: AbortSignal.timeout(100) });
    const ok = await request(`${server.url}/echo`);
    expect(ok.statusCode).toBe(200);
    await ok.body.text();
    await expect(hung).rejects.toThrow();
  });

  it('close() drops hung connections promptly', async () => {
    const { mock, server } = await start();
    const hung = request(`${server.url}/hang`);
    await vi.waitFor(() => expect(mock.seen).toHaveLength(1));
    await server.close();
    await expect(hung).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it('honours delayMs, sends empty 204s and raw bytes', async () => {
    const { server } = await start();
    expect(await (await request(`${server.url}/delay`)).body.text()).toBe('late');
    const empty = await request(`${server.url}/empty`);
    expect(empty.statusCode).toBe(204);
    expect(await empty.body.text()).toBe('');
    const bytes = Buffer.from(await (await request(`${server.url}/bytes`)).body.arrayBuffer());
    expect([...bytes]).toEqual([0, 1, 2, 255]);
  });

  it('sets Content-Length from the body, whatever the core put in its headers', async () => {
    const { server } = await start();
    const res = await request(`${server.url}/badlength`);
    expect(res.headers['content-length']).toBe('5');
    expect(res.headers['retry-after']).toBe('2');
    expect(await res.body.text()).toBe('short');
  });

  it('answers 500 naming the bug when the core throws, and keeps serving', async () => {
    const { server } = await start();
    const res = await request(`${server.url}/throw`);
    expect(res.statusCode).toBe(500);
    expect(await res.body.json()).toMatchObject({ code: 'InternalFailure' });
    expect((await request(`${server.url}/echo`)).statusCode).toBe(200);
  });

  it.skipIf(!IPV6)('brackets an IPv6 host in its URL and exports (skipped where ::1 is unavailable)', async () => {
    const { mock, server } = await start(fakeMock(), { host: '::1' });
    expect(server.url).toBe(`http://[::1]:${server.port}`);
    expect(server.exports.AWS_EC2_METADATA_SERVICE_ENDPOINT).toBe(`${server.url}/`);
    expect((await request(`${server.url}/echo`)).statusCode).toBe(200);
    expect(mock.seen[0]?.client).toBe('::1');
  });

  it('fails with PortInUseError when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await startMockServer(fakeMock(), { port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect(error).toMatchObject({ code: 'ERR_ROLECALL_PORT_IN_USE', port, host: '127.0.0.1' });
      expect((error as Error).message).toBe(`port ${port} on 127.0.0.1 is in use: pass --port 0 for a free one or stop the other process`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('closes when its signal aborts', async () => {
    const controller = new AbortController();
    const server = await startMockServer(fakeMock(), { port: 0, signal: controller.signal });
    controller.abort();
    await server.close();
    await expect(request(`${server.url}/echo`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('startMockServer with what Node cannot parse', () => {
  it('answers 400 MalformedHTTPRequest to an unknown method without reaching the mock, and keeps serving', async () => {
    const { mock, server } = await start();
    const agent = new Agent({ connections: 1 });
    const bad = await request(`${server.url}/echo`, { method: 'FROB', dispatcher: agent });
    expect(bad.statusCode).toBe(400);
    expect(await bad.body.json()).toMatchObject({ code: 'MalformedHTTPRequest' });
    const ok = await request(`${server.url}/echo`, { dispatcher: agent });
    expect(ok.statusCode).toBe(200);
    await ok.body.text();
    expect(mock.seen.map((r) => r.method)).toEqual(['GET']);
    await agent.close();
  });
});
