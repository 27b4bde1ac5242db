import type { Writable } from 'node:stream';

/**
 * Everything a command touches, passed in: tests run commands in-process with
 * their own env, streams and (for the mock) dispatcher, and never write
 * `process.env`.
 * @public
 */
export interface CommandContext {
  /** Arguments after the command name. */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Pick<Writable, 'write'>;
  readonly stderr: Pick<Writable, 'write'>;
  readonly cwd: string;
  /** Stops long-running commands (`mock`, `load`); defaults to SIGINT/SIGTERM in the binary. */
  readonly signal?: AbortSignal;
  /** Seams for tests: overrides for the core's side effects (dispatcher, clock, fs, home directory ...). */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

/** A command: parses its arguments, calls the libraries, prints, returns the exit code. @public */
export type Command = (ctx: CommandContext) => Promise<number>;
