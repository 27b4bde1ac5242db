import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createRolecallRetryStrategy,
  createStandardRetryStrategy,
  createVirtualClock,
  retryInterceptor,
  RetryAttemptsExhaustedError,
  seededRandom,
  type VirtualClock,
} from '../src/index.js';

interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

const seen: { method: string; body: string }[] = [];
let script: Reply[] = [];
let server: Server;
let origin: string;
const agent = new Agent({ keepAliveTimeout: 10 });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => resolve(body));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    seen.push({ method: req.method ?? '', body: await readBody(req) });
    const reply = script.shift() ?? { status: 200, body: 'default' };
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await agent.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
  script = [];
});

/**
 * Settles `promise` while real sockets do their work, moving the virtual clock
 * through each backoff sleep as soon as one is pending. Polls with
 * setImmediate: nothing here waits on a real timer.
 */
async function pump<T>(clock: VirtualClock, promise: Promise<T>): Promise<T> {
  let done = false;
  const settled = promise.finally(() => (done = true));
  settled.catch(() => undefined);
  for (let i = 0; !done && i < 1_000_000; i++) {
    if (clock.pending() > 0) await clock.runAll();
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return settled;
}

async function call(clock: VirtualClock, interceptor: ReturnType<typeof retryInterceptor>, method: string, body?: string | Readable) {
  const dispatcher = agent.compose(interceptor);
  return pump(
    clock,
    request(`${origin}/x`, { method: method as 'GET', dispatcher, ...(body === undefined ? {} : { body }) }).then(async (res) => ({
      status: res.statusCode,
      body: await res.body.text(),
    })),
  );
}

const throttleXml = '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>';

describe('retryInterceptor', () => {
  it('retries a 503 on GET with the strategy\'s seeded delay on the injected clock', async () => {
    const clock = createVirtualClock();
    const seed = 31;
    const strategy = createStandardRetryStrategy({ clock, random: seededRandom(seed) });
    script = [{ status: 503 }, { status: 200, body: 'hello' }];
    const start = clock.now();
    await expect(call(clock, retryInterceptor({ strategy, clock }), 'GET')).resolves.toEqual({ status: 200, body: 'hello' });
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET']);
    expect(clock.now() - start).toBe(Math.floor(seededRandom(seed)() * 50));
    expect(strategy.quota?.available).toBe(500);
  });

  it('reads the AWS error code from the body: a 400 Throttling is retried, with its body replayed on POST', async () => {
    const clock = createVirtualClock();
    script = [{ status: 400, headers: { 'content-type': 'text/xml' }, body: throttleXml }, { status: 200, body: 'done' }];
    const result = await call(clock, retryInterceptor({ clock, random: seededRandom(1) }), 'POST', 'Action=GetCallerIdentity');
    expect(result).toEqual({ status: 200, body: 'done' });
    expect(seen).toEqual([
      { method: 'POST', body: 'Action=GetCallerIdentity' },
      { method: 'POST', body: 'Action=GetCallerIdentity' },
    ]);
  });

  it('does not retry a POST that may have been processed (500, 503 without a hint)', async () => {
    const clock = createVirtualClock();
    script = [{ status: 500, body: 'boom' }];
    await expect(call(clock, retryInterceptor({ clock }), 'POST', 'a=1')).resolves.toEqual({ status: 500, body: 'boom' });
    script = [{ status: 503, body: 'busy' }];
    await expect(call(clock, retryInterceptor({ clock }), 'POST', 'a=1')).resolves.toEqual({ status: 503, body: 'busy' });
    expect(seen).toHaveLength(2);
  });

  it('retries a POST answered 503 with Retry-After, honouring the hint jittered (rolecall)', async () => {
    const clock = createVirtualClock();
    script = [{ status: 503, headers: { 'retry-after': '3' } }, { status: 200, body: 'ok' }];
    const start = clock.now();
    const interceptor = retryInterceptor({ clock, strategy: createRolecallRetryStrategy({ clock, random: seededRandom(2) }) });
    await expect(call(clock, interceptor, 'POST', 'x')).resolves.toEqual({ status: 200, body: 'ok' });
    const waited = clock.now() - start;
    expect(waited).toBeGreaterThanOrEqual(3000);
    expect(waited).toBeLessThan(4500);
  });

  it('delivers the last response when attempts run out, and passes non-retryable answers through once', async () => {
    const clock = createVirtualClock();
    script = [{ status: 502 }, { status: 502 }, { status: 502, body: 'last' }, { status: 200 }];
    await expect(call(clock, retryInterceptor({ clock }), 'GET')).resolves.toEqual({ status: 502, body: 'last' });
    expect(seen).toHaveLength(3);
    script = [{ status: 403, body: '<Error><Code>SignatureDoesNotMatch</Code></Error>' }];
    await expect(call(clock, retryInterceptor({ clock }), 'GET')).resolves.toEqual({
      status: 403,
      body: '<Error><Code>SignatureDoesNotMatch</Code></Error>',
    });
    expect(seen).toHaveLength(4);
  });

  it('never retries a streamed body it cannot replay', async () => {
    const clock = createVirtualClock();
    script = [{ status: 503, body: 'nope' }];
    await expect(call(clock, retryInterceptor({ clock }), 'PUT', Readable.from(['streamed']) as Readable)).resolves.toEqual({ status: 503, body: 'nope' });
    expect(seen).toEqual([{ method: 'PUT', body: 'streamed' }]);
  });

  it('retries a refused connection even for POST, then gives up with a typed error', async () => {
    const clock = createVirtualClock();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dispatcher = agent.compose(retryInterceptor({ clock, random: seededRandom(4) }));
    const error = await pump(clock, request(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x', dispatcher })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryAttemptsExhaustedError);
    expect(error).toMatchObject({ attempts: 3, lastErrorCode: 'ECONNREFUSED' });
  });

  it('ends a backoff sleep at once when the request is aborted, leaving no timer', async () => {
    const clock = createVirtualClock();
    script = [{ status: 503 }, { status: 200, body: 'never' }];
    const controller = new AbortController();
    const dispatcher = agent.compose(retryInterceptor({ clock, random: () => 0.99 }));
    const pending = request(`${origin}/x`, { dispatcher, signal: controller.signal }).catch((e: unknown) => e);
    for (let i = 0; clock.pending() === 0 && i < 100_000; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(clock.pending()).toBe(1);
    const reason = new Error('caller went away');
    controller.abort(reason);
    const error = await pending;
    expect(error).toBe(reason);
    expect(clock.pending()).toBe(0);
    expect(seen).toHaveLength(1);
  });
});
