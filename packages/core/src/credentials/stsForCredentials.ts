import type { Dispatcher } from 'undici';
import type { Env } from '../config/Env.js';
import type { Random } from '../random/random.js';
import type { Clock } from '../time/clock.js';
import type { Credentials } from '../identity/Credentials.js';

/** What the role providers send to AssumeRole. @public */
export interface AssumeRoleParams {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly ExternalId?: string;
  readonly DurationSeconds?: number;
  readonly SerialNumber?: string;
  readonly TokenCode?: string;
}

/** What the web identity providers send to AssumeRoleWithWebIdentity (the token is never logged). @public */
export interface AssumeRoleWithWebIdentityParams {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly WebIdentityToken: string;
  readonly DurationSeconds?: number;
}

/**
 * The two STS calls the credential providers make. Inject a fake in unit
 * tests; the default goes through the core's signed client and retry engine.
 * @public
 */
export interface StsForCredentials {
  assumeRole(params: AssumeRoleParams, credentials: Credentials): Promise<Credentials>;
  assumeRoleWithWebIdentity(params: AssumeRoleWithWebIdentityParams): Promise<Credentials>;
}

/** Side effects of the default STS calls. @public */
export interface DefaultStsOptions {
  readonly env?: Env;
  readonly dispatcher?: Dispatcher;
  readonly clock?: Clock;
  readonly random?: Random;
  /** Region of the STS endpoint; default: the client's own resolution (env, then us-east-1). */
  readonly region?: string;
  /** Overrides the STS endpoint (else `AWS_ENDPOINT_URL_STS` / `AWS_ENDPOINT_URL`). */
  readonly endpoint?: string;
  readonly clientId?: string;
}

/**
 * The role assumer the providers get by default: a nested STS client per
 * call that signs with the source credentials it is handed (AssumeRole) or
 * sends unsigned (AssumeRoleWithWebIdentity). It is the signed client
 * (`http/`), never `createClient`: it has no default credential chain, so the
 * providers do not reach back into the chain that called them
 * (docs/decisions/0100). Loaded lazily: a process that never assumes a role
 * never loads the HTTP, signing and XML stacks.
 * @internal
 */
export function createDefaultSts(options: DefaultStsOptions = {}): StsForCredentials {
  const clientFor = async (credentials: Credentials | undefined) => {
    const { createSignedClient } = await import('../http/createSignedClient.js');
    return createSignedClient({
      ...(credentials === undefined ? {} : { credentials: async () => credentials }),
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.random === undefined ? {} : { random: options.random }),
      ...(options.region === undefined ? {} : { region: options.region }),
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
    });
  };
  return {
    async assumeRole(params, credentials) {
      const [{ assumeRole }, client] = await Promise.all([import('../sts/assumeRole.js'), clientFor(credentials)]);
      try {
        return (await assumeRole(client, params)).Credentials;
      } finally {
        await client.close();
      }
    },
    async assumeRoleWithWebIdentity(params) {
      const [{ assumeRoleWithWebIdentity }, client] = await Promise.all([import('../sts/assumeRoleWithWebIdentity.js'), clientFor(undefined)]);
      try {
        return (await assumeRoleWithWebIdentity(client, params)).Credentials;
      } finally {
        await client.close();
      }
    },
  };
}
