import { describe, expect, it } from 'vitest';
import { createKeyStore } from './KeyStore.js';
import { seededRandom } from './random.js';

const identity = { kind: 'instance-role', account: '123456789012', arn: 'arn:aws:sts::123456789012:assumed-role/app/i-0', userId: 'AROAEXAMPLE:i-0' } as const;

describe('createKeyStore', () => {
  it('issues temporary keys that look like AWS ones and finds them again', () => {
    const keys = createKeyStore(seededRandom(1));
    const key = keys.issue({ identity, expiresAtMs: 10, issuedBy: 'imds' });
    expect(key.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(key.secretAccessKey).toHaveLength(40);
    expect(keys.get(key.accessKeyId)).toBe(key);
    expect(keys.secrets()).toContain(key.sessionToken);
  });

  it('is deterministic under a seed', () => {
    const a = createKeyStore(seededRandom(9)).issue({ identity, expiresAtMs: 1, issuedBy: 'sts' });
    const b = createKeyStore(seededRandom(9)).issue({ identity, expiresAtMs: 1, issuedBy: 'sts' });
    expect(a.accessKeyId).toBe(b.accessKeyId);
  });
});
