import type { Command, CommandContext } from './CommandContext.js';

/** The commands, in the order `--help` lists them. @public */
export const COMMAND_NAMES = ['mock', 'whoami', 'explain', 'can', 'imds', 'load', 'demo'] as const;

/** @public */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** How to load each command. @public */
export type CommandLoaders = Readonly<Record<CommandName, () => Promise<Command>>>;

const SUMMARIES: Readonly<Record<CommandName, string>> = {
  mock: 'serve the fake AWS (IMDS, STS, container credentials) on loopback',
  whoami: 'resolve credentials and call STS GetCallerIdentity',
  explain: 'show how credentials and region were resolved',
  can: 'may my credentials do ACTION on RESOURCE? (IAM simulator or local policy files)',
  imds: 'read instance metadata: rolecall imds get PATH',
  load: 'compare retry strategies against a throttled API',
  demo: 'the whole story in under a minute',
};

const isCommandName = (name: string): name is CommandName => (COMMAND_NAMES as readonly string[]).includes(name);

function usage(): string {
  const lines = COMMAND_NAMES.map((name) => `  ${name.padEnd(8)} ${SUMMARIES[name]}`);
  return `usage: rolecall <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nrolecall <command> --help for a command's options\n`;
}

/**
 * Picks the command named by the first argument, loads it with `loaders` and
 * runs it; returns the exit code. Exit codes: 0 success, 1 unexpected
 * failure, 2 the thing asked for is not there (no credentials, a 404 ...),
 * 64 bad usage. {@link main} passes loaders that import each command on
 * first use.
 * @public
 */
export async function dispatch(ctx: Omit<CommandContext, 'argv'> & { argv: readonly string[] }, loaders: CommandLoaders): Promise<number> {
  const [name, ...rest] = ctx.argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ctx.stdout.write(usage());
    return name === undefined ? 64 : 0;
  }
  if (!isCommandName(name)) {
    ctx.stderr.write(`rolecall: unknown command '${name}'\n\n${usage()}`);
    return 64;
  }
  let command: Command;
  try {
    command = await loaders[name]();
  } catch (error) {
    ctx.stderr.write(`rolecall: the '${name}' command is not available in this build: ${String(error)}\n`);
    return 1;
  }
  return command({ ...ctx, argv: rest });
}
