import type { CommandContext } from '../CommandContext.js';

/** `rolecall mock`: not built yet (its issue is open). @public */
export async function mock(ctx: CommandContext): Promise<number> {
  ctx.stderr.write('rolecall mock: not built yet\n');
  return 1;
}
