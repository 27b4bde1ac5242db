import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import type { MockResponse } from '../domain/MockRequest.js';

/**
 * Who may drive the control API (`/_mock/`) of the loopback server
 * (docs/decisions/0093). A web page the developer visits can send requests to
 * 127.0.0.1, and DNS rebinding can even read the answers, so:
 * - `Host` must name the address the server listens on (or `localhost`), with
 *   its port: a rebound name arrives as `Host: attacker.example:PORT`;
 * - `Origin`, when present, must be that same origin: browsers send it on
 *   every cross-site write, and on reads that script can see;
 * - when the server is bound beyond loopback, a bearer token is required too.
 * The domain core adds the last rule for every front: writes must be JSON.
 * IMDS, STS and container paths are not guarded: real clients reach them
 * through any name, as they reach AWS.
 * @internal
 */
export interface ControlGuard {
  /** A refusal for a control request that fails a rule; undefined to let it through (and for every other path). */
  check(url: string, headers: IncomingHttpHeaders): MockResponse | undefined;
}

/** Loopback: 127.0.0.0/8, ::1, IPv4-mapped 127/8, and `localhost`. @internal */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const lower = bare.toLowerCase();
  if (lower === 'localhost') return true;
  if (isIP(lower) === 4) return lower.startsWith('127.');
  if (isIP(lower) === 6) return lower === '::1' || lower === '0:0:0:0:0:0:0:1' || lower.startsWith('::ffff:127.');
  return false;
}

function refuse(status: number, error: string, message: string, headers: Record<string, string> = {}): MockResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: `${JSON.stringify({ error, message }, null, 2)}\n` };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** @internal */
export function createControlGuard(options: { host: string; port: number; loopback: boolean; token: string | null }): ControlGuard {
  const { host, port, loopback, token } = options;
  const literal = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  // Loopback: the Host header must be one of these. Beyond loopback any name may reach the machine; the token decides.
  const hosts = new Set([`${literal}:${port}`.toLowerCase(), `localhost:${port}`]);
  if (host.toLowerCase() === 'localhost') {
    hosts.add(`127.0.0.1:${port}`);
    hosts.add(`[::1]:${port}`);
  }
  const expectedAuthorization = token === null ? null : `Bearer ${token}`;

  return {
    check(url, headers) {
      if (!(url.startsWith('/_mock/') || url === '/_mock' || url.startsWith('/_mock?'))) return undefined;
      const hostHeader = (headers.host ?? '').toLowerCase();
      if (loopback && !hosts.has(hostHeader)) {
        return refuse(403, 'ForeignHost', `the control API answers only requests for ${[...hosts].join(' or ')}, got Host: ${JSON.stringify(hostHeader.slice(0, 100))} (a DNS-rebinding guard)`);
      }
      const origin = headers.origin;
      if (origin !== undefined && origin.toLowerCase() !== `http://${hostHeader}`) {
        return refuse(403, 'CrossOrigin', `the control API refuses cross-site requests: Origin ${JSON.stringify(origin.slice(0, 100))} is not http://${hostHeader}`);
      }
      if (expectedAuthorization !== null) {
        const given = headers.authorization;
        if (given === undefined || !sameSecret(given, expectedAuthorization)) {
          return refuse(401, given === undefined ? 'MissingControlToken' : 'InvalidControlToken',
            'the control API needs Authorization: Bearer $ROLECALL_MOCK_TOKEN (printed by rolecall mock) on this server', { 'www-authenticate': 'Bearer realm="rolecall-mock"' });
        }
      }
      return undefined;
    },
  };
}
