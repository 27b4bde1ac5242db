import type { Command, CommandContext } from './CommandContext.js';

/**
 * Commands load lazily so that `rolecall whoami` never pays for the load
 * harness's imports (cold start is part of what we measure).
 */
const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = {
  mock: { summary: 'serve the fake AWS (IMDS, STS, container credentials) on loopback', load: async () => (await import('./commands/mock.js')).mock },
  whoami: { summary: 'resolve credentials and call STS GetCallerIdentity', load: async () => (await import('./commands/whoami.js')).whoami },
  explain: { summary: 'show how credentials and region were resolved', load: async () => (await import('./commands/explain.js')).explain },
  imds: { summary: 'read instance metadata: rolecall imds get PATH', load: async () => (await import('./commands/imds.js')).imds },
  load: { summary: 'compare retry strategies against a throttled API', load: async () => (await import('./commands/load.js')).load },
  demo: { summary: 'the whole story in under a minute', load: async () => (await import('./commands/demo.js')).demo },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `usage: rolecall <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nrolecall <command> --help for a command's options\n`;
}

/**
 * Runs the CLI with everything it touches passed in; returns the exit code.
 * Exit codes: 0 success, 1 unexpected failure, 2 the thing asked for is not
 * there (no credentials, a 404 ...), 64 bad usage.
 * @public
 */
export async function main(ctx: Omit<CommandContext, 'argv'> & { argv: readonly string[] }): Promise<number> {
  const [name, ...rest] = ctx.argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ctx.stdout.write(usage());
    return name === undefined ? 64 : 0;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    ctx.stderr.write(`rolecall: unknown command '${name}'\n\n${usage()}`);
    return 64;
  }
  let command: Command;
  try {
    command = await entry.load();
  } catch (error) {
    ctx.stderr.write(`rolecall: the '${name}' command is not available in this build: ${String(error)}\n`);
    return 1;
  }
  return command({ ...ctx, argv: rest });
}
