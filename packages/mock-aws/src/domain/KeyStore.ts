import type { Random } from './random.js';

/**
 * Every access key the mock knows: configured IAM users and the temporary
 * credentials it issued through IMDS, the container endpoint and STS. STS
 * verifies signatures against it; GetCallerIdentity answers from the identity.
 */

/** @public */
export type IdentityKind = 'user' | 'instance-role' | 'container-role' | 'assumed-role' | 'web-identity' | 'session';

/** Who a key belongs to, as GetCallerIdentity reports it. @public */
export interface Identity {
  readonly kind: IdentityKind;
  readonly account: string;
  /** `arn:aws:iam::ACCOUNT:user/NAME` or `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
  readonly arn: string;
  /** `AIDA...` for a user, `AROA...:SESSION` for a role session. */
  readonly userId: string;
  readonly roleName?: string;
  readonly sessionName?: string;
  /** True for a role session whose caller was itself a role session (capped at 1 h). */
  readonly chained?: boolean;
  /** The inline session policy (`Policy`) the session was issued with, as JSON text. */
  readonly sessionPolicy?: string;
  /** The managed session policies (`PolicyArns`) the session was issued with. */
  readonly sessionPolicyArns?: readonly string[];
  /** When the session's credentials were issued, epoch ms on the mock's clock (`aws:TokenIssueTime`). */
  readonly issuedAtMs?: number;
}

/** @public */
export interface IssuedKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** Epoch ms on the mock's clock; absent for long-term keys. */
  readonly expiresAtMs?: number;
  readonly identity: Identity;
  readonly issuedBy: 'config' | 'imds' | 'container' | 'sts';
}

/** @public */
export interface KeyStore {
  /** Registers a known key (configured users). */
  add(key: IssuedKey): void;
  /** Makes a fresh temporary key (`ASIA...`), registers it and returns it. */
  issue(options: { identity: Identity; expiresAtMs: number; issuedBy: IssuedKey['issuedBy'] }): IssuedKey;
  get(accessKeyId: string): IssuedKey | undefined;
  /** Forgets every key (configured users are added again by the caller). */
  clear(): void;
  /** Every secret and token issued so far, for redaction checks. */
  secrets(): readonly string[];
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64ISH = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomString(random: Random, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** @public */
export function createKeyStore(random: Random): KeyStore {
  const keys = new Map<string, IssuedKey>();
  return {
    add(key) {
      keys.set(key.accessKeyId, key);
    },
    issue({ identity, expiresAtMs, issuedBy }) {
      let accessKeyId: string;
      do accessKeyId = `ASIA${randomString(random, UPPER_ALNUM, 16)}`;
      while (keys.has(accessKeyId));
      const key: IssuedKey = {
        accessKeyId,
        secretAccessKey: randomString(random, BASE64ISH, 40),
        sessionToken: `IQoJrolecall${randomString(random, BASE64ISH, 180)}`,
        expiresAtMs,
        identity,
        issuedBy,
      };
      keys.set(accessKeyId, key);
      return key;
    },
    get: (accessKeyId) => keys.get(accessKeyId),
    clear: () => keys.clear(),
    secrets: () => [...keys.values()].flatMap((k) => (k.sessionToken ? [k.secretAccessKey, k.sessionToken] : [k.secretAccessKey])),
  };
}
