/**
 * Slow clients against the loopback server, with its production timeouts
 * made small (they are injectable): before decision 0092, `requestTimeout` was 0,
 * so a body that never finished held its connection forever, and slow
 * headers were closed only after 60-90 s.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockAws, startMockServer } from '../src/index.js';
import type { MockServer } from '../src/index.js';

const TIMEOUTS = { requestMs: 400, headersMs: 200, keepAliveMs: 200, checkIntervalMs: 50 } as const;
let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Opens a connection, writes `text`, and resolves with what came back once the server closes it. */
function openAndWrite(port: number, text: string): { socket: Socket; closed: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  let got = '';
  socket.on('data', (d: Buffer) => (got += d.toString('latin1')));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(got)));
  socket.on('error', () => undefined);
  socket.write(text);
  return { socket, closed };
}

describe('slow clients', () => {
  it('a body that never finishes held its connection forever (requestTimeout 0): now 408 and closed', async () => {
    server = await startMockServer(createMockAws(), { port: 0, timeouts: TIMEOUTS });
    const { closed } = openAndWrite(server.port, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Length: 1000\r\n\r\nAction=Get`);
    expect(await closed).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it('headers sent slowly were closed only after 60-90 s: now 408 after headersMs', async () => {
    server = await startMockServer(createMockAws(), { port: 0, timeouts: TIMEOUTS });
    const { closed } = openAndWrite(server.port, `GET /latest/meta-data/ HTTP/1.1\r\nHost: 127.0.0.1`);
    expect(await closed).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('an idle keep-alive connection is closed after keepAliveMs; a hang fault is not cut by the request timeout', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' } });
    mock.setFaults({ rules: [{ service: 'imds', path: '/latest/meta-data/hostname', hang: true }] });
    server = await startMockServer(mock, { port: 0, timeouts: TIMEOUTS });
    const host = `Host: 127.0.0.1:${server.port}\r\n`;
    const idle = openAndWrite(server.port, `GET /latest/meta-data/instance-id HTTP/1.1\r\n${host}\r\n`);
    const hung = openAndWrite(server.port, `GET /latest/meta-data/hostname HTTP/1.1\r\n${host}\r\n`);
    const slow = openAndWrite(server.port, `POST / HTTP/1.1\r\n${host}Content-Length: 10\r\n\r\n`);
    // The slow body is cut once requestMs passed; by then the hung request has been waiting as long, and still is.
    expect(await slow.closed).toMatch(/^HTTP\/1\.1 408 /);
    expect(hung.socket.destroyed).toBe(false);
    const answered = await idle.closed;
    expect(answered).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answered).toContain('i-0abc1234def567890');
    hung.socket.destroy();
  });
});
