import type { CommandContext } from '../CommandContext.js';

/** `rolecall imds`: not built yet (its issue is open). @public */
export async function imds(ctx: CommandContext): Promise<number> {
  ctx.stderr.write('rolecall imds: not built yet\n');
  return 1;
}
