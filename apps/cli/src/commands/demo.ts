import type { CommandContext } from '../CommandContext.js';

/** `rolecall demo`: not built yet (its issue is open). @public */
export async function demo(ctx: CommandContext): Promise<number> {
  ctx.stderr.write('rolecall demo: not built yet\n');
  return 1;
}
