import type { MockAws } from '../src/domain/MockAws.js';
import type { JournalEntry, MockRequest, MockResponse } from '../src/domain/MockRequest.js';

/**
 * A stand-in for the domain core that the front tests drive: each path asks
 * for one kind of answer, and every request it saw is kept for inspection.
 * The fronts depend only on `MockAws.handle`, so this is all they need.
 */
export interface FakeMock extends MockAws {
  readonly seen: MockRequest[];
}

export function fakeMock(): FakeMock {
  const seen: MockRequest[] = [];
  const journal: JournalEntry[] = [];
  const answer = (request: MockRequest): MockResponse => {
    const route = request.path.split('?')[0];
    const text = 'abcdefghijklmnopqrstuvwxyz';
    switch (route) {
      case '/hang':
        return { status: 200, headers: {}, body: 'never', delivery: { kind: 'hang' } };
      case '/reset':
        return { status: 200, headers: {}, body: 'never', delivery: { kind: 'reset' } };
      case '/truncate':
        return { status: 200, headers: { 'content-type': 'text/plain' }, body: text, delivery: { kind: 'truncate', bytes: 5 } };
      case '/delay':
        return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'late', delayMs: 1 };
      case '/empty':
        return { status: 204, headers: {}, body: '' };
      case '/bytes':
        return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 2, 255]) };
      case '/badlength':
        return { status: 200, headers: { 'Content-Length': '999', 'Retry-After': '2' }, body: 'short' };
      case '/throw':
        throw new Error('boom');
      default:
        return {
          status: route === '/missing' ? 404 : 200,
          headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'req-1' },
          body: JSON.stringify({
            method: request.method,
            path: request.path,
            client: request.client,
            host: request.host,
            body: Buffer.from(request.body).toString('utf8'),
            headers: request.headers,
          }),
        };
    }
  };
  return {
    seen,
    config: { container: { enabled: true, path: '/v2/credentials/task', authorizationToken: 'fake-container-token' } } as unknown as MockAws['config'],
    clock: { now: () => 0, advance: () => undefined, set: () => undefined },
    keys: undefined as unknown as MockAws['keys'],
    handle: async (request) => {
      seen.push(request);
      const response = answer(request);
      journal.push({
        seq: journal.length + 1, t: new Date(0).toISOString(), service: 'imds', action: request.path, client: request.client,
        status: response.status, code: null, fault: null, method: request.method, path: request.path,
      });
      return response;
    },
    journal: () => journal,
    setFaults: () => undefined,
    reset: () => {
      journal.length = 0;
      seen.length = 0;
    },
  };
}
