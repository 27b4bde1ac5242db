import type { Command } from './CommandContext.js';
import { can } from './commands/can.js';
import { explain } from './commands/explain.js';
import { imds } from './commands/imds.js';
import { whoami } from './commands/whoami.js';
import { dispatch, type CommandLoaders } from './dispatch.js';

/** Long enough never to fire in practice; it only has to exist. */
const KEEP_ALIVE_INTERVAL_MS = 2 ** 30;

/** The commands the binary loads as ES modules from dist/commands/. @internal */
export type EsmCommandName = 'mock' | 'load' | 'demo';

/**
 * The `rolecall` binary, built into the single CommonJS file
 * dist/rolecall.cjs (decision 0076): whoami, explain and imds, which need
 * only the core, are inside it; mock, load and demo (servers, msw, the load
 * harness) stay ES modules, which bin/rolecall.js imports through
 * `importCommand` (this file is compiled through a V8 code cache, where
 * `import()` is not available). The process's arguments, environment and
 * streams go to {@link dispatch}; its answer becomes the exit code.
 * @internal
 */
export function run(importCommand: (name: EsmCommandName) => Promise<Command>): void {
  const ready = (command: Command) => async () => command;
  const loaders: CommandLoaders = {
    mock: () => importCommand('mock'),
    whoami: ready(whoami),
    explain: ready(explain),
    can: ready(can),
    imds: ready(imds),
    load: () => importCommand('load'),
    demo: () => importCommand('demo'),
  };
  // The core's sleeps are unref'd (a library must not hold a process open),
  // so while a command waits out a retry backoff nothing else may be pending:
  // without this handle Node would exit 0 mid-command, before any answer.
  const keepAlive = setInterval(() => undefined, KEEP_ALIVE_INTERVAL_MS);
  dispatch({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }, loaders)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        process.stderr.write(`rolecall: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
      },
    )
    .finally(() => clearInterval(keepAlive));
}
