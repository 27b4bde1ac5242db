import type { Env } from '../config/Env.js';
import { loadSharedConfig, resolveProfileName } from '../config/loadSharedConfig.js';
import type { ReadFileFs } from '../config/loadSharedConfig.js';
import { CredentialsNotConfiguredError, CredentialsProviderError } from '../errors.js';
import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';
import { describeCredentials, named } from './chain.js';
import type { NamedProvider } from './chain.js';
import type { Credentials } from '../identity/Credentials.js';

/** What a credential process run returns. @public */
export interface ProcessResult {
  readonly stdout: string;
  readonly exitCode: number;
}

/** Runs a `credential_process` command line; must stop the process when `signal` aborts. @public */
export type ExecCommand = (command: string, options: { readonly env: Env; readonly signal: AbortSignal }) => Promise<ProcessResult>;

/** @public */
export interface FromProcessOptions {
  /** The command line; default the selected profile's `credential_process`. */
  readonly command?: string;
  /** Profile to read `credential_process` from (default `AWS_PROFILE`, then `default`). */
  readonly profile?: string;
  readonly env?: Env;
  readonly fs?: ReadFileFs;
  readonly homeDir?: string;
  readonly exec?: ExecCommand;
  /** Default 30 000 ms (the process may prompt an SSO or MFA helper). */
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  /** Trace name (default `process`). */
  readonly providerName?: string;
}

/** The real runner: a shell, stdout captured (at most 1 MiB), stderr passed through to ours. @public */
export const execCommand: ExecCommand = async (command, { env, signal }) => {
  const { spawn } = await import('node:child_process');
  return new Promise<ProcessResult>((resolve, reject) => {
    const child = spawn(command, { shell: true, env: { ...env }, stdio: ['ignore', 'pipe', 'inherit'], signal });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stdout.length < 1 << 20) stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, exitCode: code ?? -1 }));
  });
};

/**
 * Validates the JSON a credential process printed (Version 1). Never echoes
 * the output (it holds the secret).
 * @internal
 */
export function parseProcessOutput(stdout: string, command: string, name: string, nowMs: number): Credentials {
  let doc: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(stdout);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    doc = parsed as Record<string, unknown>;
  } catch {
    throw new CredentialsProviderError(name, `credential_process \`${command}\` did not print a JSON object on stdout`);
  }
  if (doc['Version'] !== 1) throw new CredentialsProviderError(name, `credential_process \`${command}\` printed Version ${JSON.stringify(doc['Version'] ?? null)}; only Version 1 is understood`);
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration, AccountId } = doc;
  if (typeof AccessKeyId !== 'string' || AccessKeyId === '') throw new CredentialsProviderError(name, `credential_process \`${command}\` output lacks AccessKeyId`);
  if (typeof SecretAccessKey !== 'string' || SecretAccessKey === '') throw new CredentialsProviderError(name, `credential_process \`${command}\` output lacks SecretAccessKey`);
  if (SessionToken !== undefined && typeof SessionToken !== 'string') throw new CredentialsProviderError(name, `credential_process \`${command}\` SessionToken is not a string`);
  let expiration: Date | undefined;
  if (Expiration !== undefined) {
    expiration = typeof Expiration === 'string' ? new Date(Expiration) : new Date(Number.NaN);
    if (Number.isNaN(expiration.getTime())) throw new CredentialsProviderError(name, `credential_process \`${command}\` Expiration is not an ISO 8601 date`);
    if (expiration.getTime() <= nowMs) throw new CredentialsProviderError(name, `credential_process \`${command}\` returned credentials that expired at ${expiration.toISOString()}`);
  }
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    ...(typeof SessionToken === 'string' && SessionToken !== '' ? { sessionToken: SessionToken } : {}),
    ...(expiration === undefined ? {} : { expiration }),
    ...(typeof AccountId === 'string' ? { accountId: AccountId } : {}),
    source: 'process',
  };
}

/**
 * Credentials printed by an external command (`credential_process`, JSON
 * Version 1): run with a timeout, output validated, expiry honoured (already
 * expired output is refused). Skipped when no command is configured.
 *
 * @example
 * ```ts
 * const credentials = await fromProcess({ command: 'my-helper --json' })();
 * ```
 * @public
 */
export function fromProcess(options: FromProcessOptions = {}): NamedProvider & { readonly providerName: string } {
  const name = options.providerName ?? 'process';
  const clock = options.clock ?? systemClock;
  const exec = options.exec ?? execCommand;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return named(name, async (): Promise<Credentials> => {
    const env = options.env ?? process.env;
    let command = options.command;
    if (command === undefined) {
      const profileName = resolveProfileName({ env, profile: options.profile });
      const config = await loadSharedConfig({ env, ...(options.fs === undefined ? {} : { fs: options.fs }), ...(options.homeDir === undefined ? {} : { homeDir: options.homeDir }) });
      command = config.profile(profileName)?.properties.get('credential_process')?.trim();
      if (command === undefined || command === '') {
        throw new CredentialsNotConfiguredError(name, `profile ${profileName} has no credential_process`, 'credential_process in the selected profile');
      }
    }
    const controller = new AbortController();
    let timedOut = false;
    const cancel = clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let result: ProcessResult;
    try {
      result = await exec(command, { env, signal: controller.signal });
    } catch (error) {
      if (timedOut) throw new CredentialsProviderError(name, `credential_process \`${command}\` did not finish within ${timeoutMs} ms and was stopped`, { cause: error });
      throw new CredentialsProviderError(name, `credential_process \`${command}\` could not run: ${(error as { code?: string }).code ?? String(error)}`, { cause: error });
    } finally {
      cancel();
    }
    if (timedOut) throw new CredentialsProviderError(name, `credential_process \`${command}\` did not finish within ${timeoutMs} ms and was stopped`);
    if (result.exitCode !== 0) throw new CredentialsProviderError(name, `credential_process \`${command}\` exited with code ${result.exitCode}`);
    const credentials = parseProcessOutput(result.stdout, command, name, clock.now());
    return describeCredentials(credentials, `credential_process \`${command}\``);
  });
}
