import type { Env } from '../config/Env.js';
import { envValue } from '../config/Env.js';
import { MAX_TOKEN_FILE_BYTES, nodeReadFileFs, readBoundedFile } from '../config/readBoundedFile.js';
import type { ReadFileFs } from '../config/readBoundedFile.js';
import { CredentialsNotConfiguredError, CredentialsProviderError, RolecallError } from '../errors.js';
import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';
import { describeCredentials, named } from './chain.js';
import type { NamedProvider } from './chain.js';
import type { Credentials } from '../identity/Credentials.js';
import { createDefaultSts } from './stsForCredentials.js';
import type { DefaultStsOptions, StsForCredentials } from './stsForCredentials.js';

/** @public */
export interface FromWebIdentityOptions extends DefaultStsOptions {
  readonly env?: Env;
  /** Default `AWS_ROLE_ARN`. */
  readonly roleArn?: string;
  /** Default `AWS_WEB_IDENTITY_TOKEN_FILE`. */
  readonly webIdentityTokenFile?: string;
  /** Default `AWS_ROLE_SESSION_NAME`, else `rolecall-<time>`. */
  readonly roleSessionName?: string;
  readonly durationSeconds?: number;
  /** Reads the token file, again on every call (it rotates); at most {@link MAX_TOKEN_FILE_BYTES}. */
  readonly fs?: ReadFileFs;
  readonly sts?: StsForCredentials;
  readonly clock?: Clock;
  /** Trace name; `web-identity` for the env provider, `profile` when a profile drives it. */
  readonly providerName?: string;
}

/**
 * AssumeRoleWithWebIdentity with a token file: `AWS_WEB_IDENTITY_TOKEN_FILE`
 * and `AWS_ROLE_ARN` (or the options), session name from
 * `AWS_ROLE_SESSION_NAME`. Skipped when neither is set; one without the other
 * is a failure naming the missing one. The token is re-read on every call.
 *
 * @example
 * ```ts
 * const credentials = await fromWebIdentity({ env: process.env })();
 * ```
 * @public
 */
export function fromWebIdentity(options: FromWebIdentityOptions = {}): NamedProvider & { readonly providerName: string } {
  const name = options.providerName ?? 'web-identity';
  const clock = options.clock ?? systemClock;
  let sts = options.sts;
  return named(name, async (): Promise<Credentials> => {
    const env = options.env ?? process.env;
    const tokenFile = options.webIdentityTokenFile ?? envValue(env, 'AWS_WEB_IDENTITY_TOKEN_FILE');
    const roleArn = options.roleArn ?? envValue(env, 'AWS_ROLE_ARN');
    if (tokenFile === undefined && roleArn === undefined) {
      throw new CredentialsNotConfiguredError(name, 'AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set', 'AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN');
    }
    if (tokenFile === undefined) throw new CredentialsProviderError(name, 'AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not; set both');
    if (roleArn === undefined) throw new CredentialsProviderError(name, `a web identity token file (${tokenFile}) is set but AWS_ROLE_ARN is not; set both`);
    let token: string;
    try {
      token = (await readBoundedFile(options.fs ?? nodeReadFileFs, tokenFile, MAX_TOKEN_FILE_BYTES)).trim();
    } catch (error) {
      // Our own refusals (not a regular file, too large) say what to do; a system error's code is enough.
      const detail = error instanceof RolecallError ? `: ${error.message}` : ` ${tokenFile} (${(error as { code?: string }).code ?? String(error)})`;
      throw new CredentialsProviderError(name, `cannot read the web identity token file${detail}`, { cause: error });
    }
    if (token === '') throw new CredentialsProviderError(name, `the web identity token file ${tokenFile} is empty`);
    const sessionName = options.roleSessionName ?? envValue(env, 'AWS_ROLE_SESSION_NAME') ?? `rolecall-${clock.now()}`;
    sts ??= createDefaultSts({ ...options, env });
    try {
      const credentials = await sts.assumeRoleWithWebIdentity({
        RoleArn: roleArn,
        RoleSessionName: sessionName,
        WebIdentityToken: token,
        ...(options.durationSeconds === undefined ? {} : { DurationSeconds: options.durationSeconds }),
      });
      return describeCredentials({ ...credentials, source: 'web-identity' }, `AssumeRoleWithWebIdentity ${roleArn} with the token in ${tokenFile}`);
    } catch (error) {
      throw new CredentialsProviderError(name, `AssumeRoleWithWebIdentity ${roleArn} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  });
}
