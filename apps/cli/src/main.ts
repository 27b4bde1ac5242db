import type { CommandContext } from './CommandContext.js';
import { dispatch, type CommandLoaders } from './dispatch.js';

/**
 * Every command as an ES module loaded on first use, so that `rolecall whoami`
 * never pays for the load harness's imports (cold start is part of what we
 * measure).
 */
const LOADERS: CommandLoaders = {
  mock: async () => (await import('./commands/mock.js')).mock,
  whoami: async () => (await import('./commands/whoami.js')).whoami,
  explain: async () => (await import('./commands/explain.js')).explain,
  can: async () => (await import('./commands/can.js')).can,
  imds: async () => (await import('./commands/imds.js')).imds,
  load: async () => (await import('./commands/load.js')).load,
  demo: async () => (await import('./commands/demo.js')).demo,
};

/**
 * Runs the CLI with everything it touches passed in; returns the exit code.
 * Exit codes: 0 success, 1 unexpected failure, 2 the thing asked for is not
 * there (no credentials, a 404 ...), 64 bad usage.
 * @public
 */
export async function main(ctx: Omit<CommandContext, 'argv'> & { argv: readonly string[] }): Promise<number> {
  return dispatch(ctx, LOADERS);
}
