import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { getResponse } from 'msw';
import { DEFAULT_BASE_URLS, handlers } from '../src/index.js';
import { fakeMock } from './fronts-fake.js';

const mock = fakeMock();
const server = setupServer(...handlers(mock));
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => mock.reset());
afterAll(() => server.close());

describe('handlers', () => {
  it('answers every default origin, including regional STS and IPv6 IMDS', async () => {
    const urls = ['http://169.254.169.254/echo', 'http://[fd00:ec2::254]/echo', 'https://sts.amazonaws.com/', 'https://sts.eu-west-1.amazonaws.com/', 'http://169.254.170.2/v2/credentials/x'];
    for (const url of urls) expect((await fetch(url)).status).toBe(200);
    expect(mock.seen.map((r) => r.host)).toEqual(['169.254.169.254', '[fd00:ec2::254]', 'sts.amazonaws.com', 'sts.eu-west-1.amazonaws.com', '169.254.170.2']);
    expect(DEFAULT_BASE_URLS).toHaveLength(5);
  });

  it('does not answer other origins', async () => {
    const response = await getResponse(handlers(mock), new Request('https://sts.evil.example.com/'));
    expect(response).toBeUndefined();
    expect(await getResponse(handlers(mock), new Request('https://sts.a.b.amazonaws.com/'))).toBeUndefined();
  });

  it('translates method, path, headers, body and client', async () => {
    const res = await fetch('http://169.254.169.254/echo?q=1', { method: 'PUT', headers: { 'x-rolecall-client': 'carol' }, body: 'data' });
    expect(res.headers.get('x-amzn-requestid')).toBe('req-1');
    expect(await res.json()).toMatchObject({ method: 'PUT', path: '/echo?q=1', client: 'carol', body: 'data' });
    await fetch('http://169.254.169.254/echo');
    expect(mock.seen[1]?.client).toBe('msw');
  });

  it('is seen through node:http as well (how the AWS SDK calls)', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      http.get('http://169.254.169.254/echo', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(JSON.parse(body)).toMatchObject({ method: 'GET', path: '/echo' });
  });

  it('turns reset into a network error and truncate into a broken body', async () => {
    await expect(fetch('http://169.254.169.254/reset')).rejects.toThrow();
    const res = await fetch('http://169.254.169.254/truncate');
    await expect(res.text()).rejects.toThrow();
  });

  it('hangs until the request is aborted', async () => {
    const controller = new AbortController();
    const pending = fetch('http://169.254.169.254/hang', { signal: controller.signal });
    await expect.poll(() => mock.seen.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it('keeps raw bytes and empty 204s', async () => {
    expect([...new Uint8Array(await (await fetch('http://169.254.169.254/bytes')).arrayBuffer())]).toEqual([0, 1, 2, 255]);
    const empty = await fetch('http://169.254.169.254/empty');
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });
});
