import { createHash } from 'node:crypto';
import type { ResolvedMockConfig } from '../domain/MockConfig.js';
import type { MockRequest, MockResponse } from '../domain/MockRequest.js';
import type { KeyStore } from '../domain/KeyStore.js';
import type { ServiceResult } from '../domain/ServiceResult.js';
import { createCredentialSeries } from '../domain/createCredentialSeries.js';
import { isoSeconds } from '../domain/format.js';
import { stsRoleId } from '../sts/principalIds.js';

/** What the container endpoint needs from the domain core. @internal */
export interface ContainerContext {
  readonly config: ResolvedMockConfig;
  readonly keys: KeyStore;
  readonly now: () => number;
  readonly originMs: number;
}

/** @internal */
export interface ContainerService {
  handle(request: MockRequest): ServiceResult;
  /** A container-shaped error: `{"code": "…", "message": "…"}` JSON. */
  error(status: number, code: string, message: string, headers?: Readonly<Record<string, string>>): MockResponse;
}

/** Paths the ECS agent answers for (`/v2/credentials/<id>`), so a wrong id gets the agent's error, not IMDS's 404. @internal */
export function isContainerCredentialsPath(pathOnly: string): boolean {
  return pathOnly === '/v2/credentials' || pathOnly.startsWith('/v2/credentials/');
}

/** A container-style JSON error answer. @internal */
export function containerError(status: number, code: string, message: string, headers?: Readonly<Record<string, string>>): MockResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ code, message }) };
}

/**
 * The ECS/EKS container credentials endpoint (docs/reference/imds-sts-wire.md §2): `GET` on the
 * configured path with the configured `Authorization` token answers
 * `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration` and `RoleArn`.
 * Credentials rotate in generations like IMDS's (docs/decisions/0011); the
 * ECS agent's 10 rps / burst 15 limit is applied by the core's throttles.
 * @internal
 */
export function createContainerService(ctx: ContainerContext): ContainerService {
  const { config, keys, now } = ctx;
  const { container, account } = config;
  // An ECS task id: 32 hex characters, stable for the account and path.
  const taskId = createHash('sha256').update(`${account}:${container.path}`).digest('hex').slice(0, 32);
  const roleArn = `arn:aws:iam::${account}:role/${container.role}`;
  const lifetimeMs = container.credentialLifetimeS * 1000;
  const series = createCredentialSeries({
    originMs: ctx.originMs,
    lifetimeMs,
    // The agent refreshes well before expiry; half the lifetime, at most 15 min, keeps the 5-minute rule.
    rotateBeforeMs: Math.min(15 * 60_000, lifetimeMs / 2),
    frozen: config.instance.serveExpiredCredentials,
    issue: (issuedAtMs, expiresAtMs) =>
      keys.issue({
        identity: {
          kind: 'container-role',
          account,
          arn: `arn:aws:sts::${account}:assumed-role/${container.role}/${taskId}`,
          userId: `${stsRoleId(account, container.role)}:${taskId}`,
          roleName: container.role,
          sessionName: taskId,
          issuedAtMs,
        },
        expiresAtMs,
        issuedBy: 'container',
      }),
  });

  const fail = (status: number, code: string, message: string, headers?: Readonly<Record<string, string>>): ServiceResult => ({
    response: containerError(status, code, message, headers),
    action: 'credentials',
    code,
  });

  return {
    handle(request) {
      if (request.method !== 'GET') return fail(405, 'MethodNotAllowed', `${request.method} is not allowed here: use GET`, { allow: 'GET' });
      const q = request.path.indexOf('?');
      const path = q < 0 ? request.path : request.path.slice(0, q);
      if (path !== container.path) {
        // The ECS agent's answers for a missing or unknown credentials id.
        return path === '/v2/credentials' || path === '/v2/credentials/'
          ? fail(400, 'NoIdInRequest', 'CredentialsV2Request: No ID in the request')
          : fail(400, 'InvalidIdInRequest', 'CredentialsV2Request: Credentials not found');
      }
      const expected = container.authorizationToken;
      if (expected !== null) {
        const given = request.headers['authorization'];
        if (given === undefined || given === '') {
          return fail(401, 'Unauthorized', 'no Authorization header: send the token from AWS_CONTAINER_AUTHORIZATION_TOKEN');
        }
        if (given !== expected) {
          return fail(403, 'AccessDenied', 'the Authorization header does not match this endpoint\'s token');
        }
      }
      const generation = series.current(now());
      const { key } = generation;
      return {
        response: {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            AccessKeyId: key.accessKeyId,
            SecretAccessKey: key.secretAccessKey,
            Token: key.sessionToken,
            Expiration: isoSeconds(generation.expiresAtMs),
            RoleArn: roleArn,
          }),
        },
        action: 'credentials',
        code: null,
        accessKeyId: key.accessKeyId,
      };
    },
    error: containerError,
  };
}
