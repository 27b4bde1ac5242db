import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fetch, interceptors, request } from 'undici';
import { UnmockedOriginError, mockDispatcher } from '../src/index.js';
import { fakeMock } from './fronts-fake.js';

const IMDS = 'http://169.254.169.254';

describe('mockDispatcher', () => {
  it('answers undici request() in-process with the neutral request translated', async () => {
    const mock = fakeMock();
    const dispatcher = mockDispatcher(mock);
    const res = await request(`${IMDS}/echo`, {
      method: 'PUT', query: { a: '1' }, headers: { 'X-Rolecall-Client': 'bob', 'x-many': ['a', 'b'] }, body: 'hi', dispatcher,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-amzn-requestid']).toBe('req-1');
    const echoed = (await res.body.json()) as Record<string, unknown>;
    expect(echoed).toMatchObject({ method: 'PUT', path: '/echo?a=1', client: 'bob', host: '169.254.169.254', body: 'hi' });
    expect((echoed.headers as Record<string, string>)['x-many']).toBe('a, b');
    // The headers undici adds on a socket are there too.
    expect(echoed.headers).toMatchObject({ host: '169.254.169.254', 'content-length': '2' });
  });

  it('answers fetch() and names the caller "dispatcher" by default', async () => {
    const mock = fakeMock();
    const res = await fetch(`${IMDS}/echo`, { dispatcher: mockDispatcher(mock) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ client: 'dispatcher', method: 'GET' });
  });

  it('reads stream, iterable and byte bodies', async () => {
    const mock = fakeMock();
    const dispatcher = mockDispatcher(mock);
    const bodies: (Readable | Buffer | Uint8Array)[] = [Readable.from(['a', 'b']), Buffer.from('ab'), new Uint8Array([97, 98])];
    for (const body of bodies) await (await request(`${IMDS}/echo`, { method: 'POST', body, dispatcher })).body.text();
    expect(mock.seen.map((r) => Buffer.from(r.body).toString())).toEqual(['ab', 'ab', 'ab']);
  });

  it('waits out delayMs with the injected sleep', async () => {
    const waits: number[] = [];
    const dispatcher = mockDispatcher(fakeMock(), { sleep: async (ms) => void waits.push(ms) });
    expect(await (await request(`${IMDS}/delay`, { dispatcher })).body.text()).toBe('late');
    expect(waits).toEqual([1]);
  });

  it('sets Content-Length from the body, whatever the core put in its headers', async () => {
    const res = await request(`${IMDS}/badlength`, { dispatcher: mockDispatcher(fakeMock()) });
    expect(res.headers['content-length']).toBe('5');
    expect(await res.body.text()).toBe('short');
  });

  it('fails a reset like a dropped socket', async () => {
    const error = await request(`${IMDS}/reset`, { dispatcher: mockDispatcher(fakeMock()) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UND_ERR_SOCKET', name: 'SocketError' });
    expect((error as Error).cause).toMatchObject({ code: 'ECONNRESET' });
  });

  it('delivers part of a truncated body, then fails', async () => {
    const res = await request(`${IMDS}/truncate`, { dispatcher: mockDispatcher(fakeMock()) });
    expect(res.headers['content-length']).toBe('26');
    await expect(res.body.text()).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it('hangs until the request is aborted', async () => {
    const mock = fakeMock();
    const controller = new AbortController();
    const pending = request(`${IMDS}/hang`, { dispatcher: mockDispatcher(mock), signal: controller.signal });
    await expect.poll(() => mock.seen.length).toBe(1);
    controller.abort(new Error('gave up'));
    await expect(pending).rejects.toThrow('gave up');
  });

  it('refuses origins outside `origins`', async () => {
    const dispatcher = mockDispatcher(fakeMock(), { origins: [IMDS] });
    await expect(request('https://example.com/', { dispatcher })).rejects.toBeInstanceOf(UnmockedOriginError);
    expect((await request(`${IMDS}/echo`, { dispatcher })).statusCode).toBe(200);
  });

  it('sends 204 without a body and HEAD without one', async () => {
    const dispatcher = mockDispatcher(fakeMock());
    const empty = await request(`${IMDS}/empty`, { dispatcher });
    expect(empty.statusCode).toBe(204);
    expect(await empty.body.text()).toBe('');
    const head = await request(`${IMDS}/echo`, { method: 'HEAD', dispatcher });
    expect(await head.body.text()).toBe('');
  });

  it('supports the new handler API directly and destroy() fails pending requests', async () => {
    const dispatcher = mockDispatcher(fakeMock());
    const events: string[] = [];
    const done = new Promise<void>((resolve) => {
      dispatcher.dispatch({ origin: IMDS, path: '/hang', method: 'GET' }, {
        onRequestStart: () => events.push('start'),
        onResponseError: (_c, error) => {
          events.push(`error:${(error as { code?: string }).code}`);
          resolve();
        },
      });
    });
    await dispatcher.destroy();
    await done;
    expect(events).toEqual(['start', 'error:UND_ERR_DESTROYED']);
  });
});

describe('mockDispatcher lifecycle and composition', () => {
  it('refuses new requests after close() with ClientClosedError', async () => {
    const dispatcher = mockDispatcher(fakeMock());
    await dispatcher.close();
    await expect(request(`${IMDS}/echo`, { dispatcher })).rejects.toMatchObject({ code: 'UND_ERR_CLOSED' });
  });

  it('runs under undici interceptors (compose): the retry interceptor retries a reset', async () => {
    const mock = fakeMock();
    let resets = 1;
    const flaky: typeof mock = {
      ...mock,
      handle: async (req) => (req.path === '/echo' && resets-- > 0 ? { status: 200, headers: {}, body: '', delivery: { kind: 'reset' } } : mock.handle(req)),
    };
    const dispatcher = mockDispatcher(flaky).compose(interceptors.retry({ maxRetries: 2, minTimeout: 0, timeoutFactor: 1 }));
    const res = await request(`${IMDS}/echo`, { dispatcher });
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toMatchObject({ path: '/echo' });
  });
});
