import type { CommandContext } from '../CommandContext.js';

/** `rolecall explain`: not built yet (its issue is open). @public */
export async function explain(ctx: CommandContext): Promise<number> {
  ctx.stderr.write('rolecall explain: not built yet\n');
  return 1;
}
