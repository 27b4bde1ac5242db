/**
 * Web identity tokens as the mock reads them: a JWT (`header.payload.signature`,
 * base64url) whose claims are trusted as they are. The mock has no identity
 * provider keys, so it checks shape, required claims and expiry, never the
 * signature (decision 0024).
 */

/** @public */
export interface WebIdentityTokenOptions {
  /** Subject, returned as `SubjectFromWebIdentityToken`. */
  readonly sub: string;
  /** Issuer, returned as `Provider`. */
  readonly iss: string;
  /** Audience (client id), returned as `Audience`. */
  readonly aud: string;
  /** When the token expires, epoch ms (written as the `exp` claim in seconds). */
  readonly expiresAtMs: number;
}

/**
 * Makes an unsigned-in-effect JWT (its signature is a fixed fake) that the
 * mock's AssumeRoleWithWebIdentity accepts, for tests and demos.
 *
 * @example
 * const token = makeWebIdentityToken({ sub: 'system:serviceaccount:ci:deploy', iss: 'https://oidc.example.test', aud: 'sts.amazonaws.com', expiresAtMs: clock.now() + 3_600_000 });
 * @public
 */
export function makeWebIdentityToken(options: WebIdentityTokenOptions): string {
  const header = { alg: 'RS256', typ: 'JWT', kid: 'rolecall-mock' };
  const payload = { sub: options.sub, iss: options.iss, aud: options.aud, exp: Math.floor(options.expiresAtMs / 1000), iat: Math.floor(options.expiresAtMs / 1000) - 3600 };
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${base64url('rolecall-mock-signature')}`;
}

/** The claims the mock needs from a web identity token. @internal */
export interface WebIdentityClaims {
  readonly sub: string;
  readonly iss: string;
  readonly aud: string;
  /** Seconds since the epoch. */
  readonly exp: number;
}

/**
 * Reads a token's claims; a string naming what is wrong when it is not a JWT
 * or lacks a claim. Never echoes the token.
 * @internal
 */
export function decodeWebIdentityToken(token: string): WebIdentityClaims | string {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) {
    return 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return 'The ID Token provided is not a valid JWT: its payload is not JSON.';
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'The ID Token provided is not a valid JWT: its payload is not a JSON object.';
  const claims = payload as Record<string, unknown>;
  const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
  for (const [name, value] of [['iss', claims.iss], ['sub', claims.sub], ['aud', aud]] as const) {
    if (typeof value !== 'string' || value === '') return `Missing a required claim: ${name}`;
  }
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return 'Missing a required claim: exp';
  return { sub: claims.sub as string, iss: claims.iss as string, aud: aud as string, exp: claims.exp };
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
