import type { Env } from '../config/Env.js';
import { loadSharedConfig, resolveProfileName } from '../config/loadSharedConfig.js';
import type { ReadFileFs } from '../config/loadSharedConfig.js';
import { CredentialsNotConfiguredError, CredentialsProviderError, RolecallError } from '../errors.js';
import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';
import { describeCredentials, named } from './chain.js';
import type { NamedProvider } from './chain.js';
import type { Credentials } from '../identity/Credentials.js';
import { splitCommandLine } from './splitCommandLine.js';

/** How long a credential process may run, by default (it may prompt an SSO or MFA helper); the default chain stops it at its own deadline. @public */
export const DEFAULT_PROCESS_TIMEOUT_MS = 30_000;

/**
 * The most read from a credential process's stdout: its JSON (keys, a
 * session token of a few KB, an expiry) is far smaller, and a process that
 * prints more is stopped (docs/decisions/0097).
 * @public
 */
export const MAX_PROCESS_OUTPUT_BYTES = 1024 * 1024;

/** What a credential process run returns. @public */
export interface ProcessResult {
  readonly stdout: string;
  readonly exitCode: number;
}

/**
 * Runs a `credential_process`: `program` with `args`, never through a shell
 * (the line is split first, docs/decisions/0098). Must stop the process when
 * `signal` aborts, and reject rather than collect more than `maxOutputBytes`
 * of stdout.
 * @public
 */
export type ExecCommand = (
  program: string,
  args: readonly string[],
  options: { readonly env: Env; readonly signal: AbortSignal; readonly maxOutputBytes: number },
) => Promise<ProcessResult>;

/** @public */
export interface FromProcessOptions {
  /** The command line, split as the AWS CLI splits it; default the selected profile's `credential_process`. */
  readonly command?: string;
  /** Profile to read `credential_process` from (default `AWS_PROFILE`, then `default`). */
  readonly profile?: string;
  readonly env?: Env;
  readonly fs?: ReadFileFs;
  readonly homeDir?: string;
  readonly exec?: ExecCommand;
  /** Default {@link DEFAULT_PROCESS_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  /** Trace name (default `process`). */
  readonly providerName?: string;
}

/**
 * The real runner: no shell, stdout captured up to `maxOutputBytes` (past that
 * the process is killed and the run rejected with
 * `ERR_ROLECALL_PROCESS_OUTPUT_TOO_LARGE`), stderr passed through to ours (a
 * helper may prompt there).
 * @public
 */
export const execCommand: ExecCommand = async (program, args, { env, signal, maxOutputBytes }) => {
  const { spawn } = await import('node:child_process');
  return new Promise<ProcessResult>((resolve, reject) => {
    // SIGKILL: a process stopped for its deadline or its output has had its
    // chance, and one that ignored SIGTERM would keep the caller's process alive.
    const child = spawn(program, [...args], { shell: false, env: { ...env }, stdio: ['ignore', 'pipe', 'inherit'], signal, killSignal: 'SIGKILL', windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxOutputBytes) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      child.stdout.destroy();
      child.kill('SIGKILL');
      reject(new RolecallError('ERR_ROLECALL_PROCESS_OUTPUT_TOO_LARGE', `${program} printed more than ${maxOutputBytes} bytes on stdout and was stopped`));
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(chunks).toString('utf8'), exitCode: code ?? -1 }));
  });
};

/**
 * Validates the JSON a credential process printed (Version 1). Never echoes
 * the output (it holds the secret). `program` is what messages name: never
 * the arguments, which may hold a password.
 * @internal
 */
export function parseProcessOutput(stdout: string, program: string, name: string, nowMs: number): Credentials {
  let doc: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(stdout);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    doc = parsed as Record<string, unknown>;
  } catch {
    throw new CredentialsProviderError(name, `credential_process \`${program}\` did not print a JSON object on stdout`);
  }
  if (doc['Version'] !== 1) throw new CredentialsProviderError(name, `credential_process \`${program}\` printed Version ${JSON.stringify(doc['Version'] ?? null)}; only Version 1 is understood`);
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration, AccountId } = doc;
  if (typeof AccessKeyId !== 'string' || AccessKeyId === '') throw new CredentialsProviderError(name, `credential_process \`${program}\` output lacks AccessKeyId`);
  if (typeof SecretAccessKey !== 'string' || SecretAccessKey === '') throw new CredentialsProviderError(name, `credential_process \`${program}\` output lacks SecretAccessKey`);
  if (SessionToken !== undefined && typeof SessionToken !== 'string') throw new CredentialsProviderError(name, `credential_process \`${program}\` SessionToken is not a string`);
  let expiration: Date | undefined;
  if (Expiration !== undefined) {
    expiration = typeof Expiration === 'string' ? new Date(Expiration) : new Date(Number.NaN);
    if (Number.isNaN(expiration.getTime())) throw new CredentialsProviderError(name, `credential_process \`${program}\` Expiration is not an ISO 8601 date`);
    if (expiration.getTime() <= nowMs) throw new CredentialsProviderError(name, `credential_process \`${program}\` returned credentials that expired at ${expiration.toISOString()}`);
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
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROCESS_TIMEOUT_MS;
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
    let words: string[];
    try {
      words = splitCommandLine(command, process.platform === 'win32' ? 'windows' : 'posix');
    } catch (error) {
      throw new CredentialsProviderError(name, `credential_process cannot be split into a program and its arguments: ${(error as Error).message}; quote it as for a POSIX shell (on Windows: double quotes)`, {
        cause: error,
      });
    }
    const [program, ...args] = words;
    if (program === undefined || program === '') throw new CredentialsProviderError(name, 'credential_process names no program');
    // Messages and the trace name the program only: its arguments may hold a password.
    const what = `credential_process \`${program}\``;
    const controller = new AbortController();
    let timedOut = false;
    const cancel = clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let result: ProcessResult;
    try {
      result = await exec(program, args, { env, signal: controller.signal, maxOutputBytes: MAX_PROCESS_OUTPUT_BYTES });
    } catch (error) {
      if (timedOut) throw new CredentialsProviderError(name, `${what} did not finish within ${timeoutMs} ms and was stopped`, { cause: error });
      const code = (error as { code?: string }).code;
      const detail =
        error instanceof RolecallError ? error.message : code === 'ENOENT' ? 'ENOENT (no such program: give its path, or check PATH; no shell runs it)' : (code ?? String(error));
      throw new CredentialsProviderError(name, `${what} could not run: ${detail}`, { cause: error });
    } finally {
      cancel();
    }
    if (timedOut) throw new CredentialsProviderError(name, `${what} did not finish within ${timeoutMs} ms and was stopped`);
    if (result.exitCode !== 0) throw new CredentialsProviderError(name, `${what} exited with code ${result.exitCode}`);
    const credentials = parseProcessOutput(result.stdout, program, name, clock.now());
    return describeCredentials(credentials, what);
  });
}
