import { describe, expect, it } from 'vitest';
import { createControlGuard, isLoopbackHost } from './controlGuard.js';

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true], ['127.8.9.10', true], ['::1', true], ['[::1]', true], ['localhost', true], ['LOCALHOST', true], ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false], ['::', false], ['10.0.0.5', false], ['192.168.1.2', false], ['example.com', false], ['128.0.0.1', false],
  ])('%s: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('createControlGuard', () => {
  const loopback = createControlGuard({ host: '127.0.0.1', port: 1338, loopback: true, token: null });
  const status = (guard: ReturnType<typeof createControlGuard>, url: string, headers: Record<string, string>) => guard.check(url, headers)?.status;

  it('lets the listening address and localhost through, with or without a same-origin Origin', () => {
    expect(status(loopback, '/_mock/journal', { host: '127.0.0.1:1338' })).toBeUndefined();
    expect(status(loopback, '/_mock/journal', { host: 'localhost:1338', origin: 'http://localhost:1338' })).toBeUndefined();
  });

  it('refuses a foreign Host (rebinding), another port, a cross-site or null Origin', () => {
    expect(status(loopback, '/_mock/journal', { host: 'evil.example:1338' })).toBe(403);
    expect(status(loopback, '/_mock/journal', { host: '127.0.0.1:80' })).toBe(403);
    expect(status(loopback, '/_mock/faults', { host: '127.0.0.1:1338', origin: 'http://evil.example' })).toBe(403);
    expect(status(loopback, '/_mock/faults', { host: '127.0.0.1:1338', origin: 'null' })).toBe(403);
    expect(status(loopback, '/_mock', { host: 'evil.example:1338' })).toBe(403);
  });

  it('never guards IMDS, STS or container paths', () => {
    expect(status(loopback, '/latest/api/token', { host: 'evil.example' })).toBeUndefined();
    expect(status(loopback, '/', { host: 'sts.amazonaws.com', origin: 'http://evil.example' })).toBeUndefined();
    expect(status(loopback, '/_mockery', { host: 'evil.example' })).toBeUndefined();
  });

  it('beyond loopback, wants the bearer token and any Host', () => {
    const exposed = createControlGuard({ host: '0.0.0.0', port: 1338, loopback: false, token: 'FAKE-token-123' });
    expect(status(exposed, '/_mock/journal', { host: 'box.lan:1338' })).toBe(401);
    expect(status(exposed, '/_mock/journal', { host: 'box.lan:1338', authorization: 'Bearer nope' })).toBe(401);
    expect(status(exposed, '/_mock/journal', { host: 'box.lan:1338', authorization: 'Bearer FAKE-token-123' })).toBeUndefined();
    expect(status(exposed, '/_mock/journal', { host: 'box.lan:1338', authorization: 'Bearer FAKE-token-123', origin: 'http://evil.example' })).toBe(403);
  });
});
