import type { CommandContext } from '../CommandContext.js';

/** `rolecall load`: not built yet (its issue is open). @public */
export async function load(ctx: CommandContext): Promise<number> {
  ctx.stderr.write('rolecall load: not built yet\n');
  return 1;
}
