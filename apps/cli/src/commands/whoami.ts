import type { CommandContext } from '../CommandContext.js';

/** `rolecall whoami`: not built yet (its issue is open). @public */
export async function whoami(ctx: CommandContext): Promise<number> {
  ctx.stderr.write('rolecall whoami: not built yet\n');
  return 1;
}
