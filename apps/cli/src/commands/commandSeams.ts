import type { ReadFileFs } from '@rolecall/core';
import type { Dispatcher } from 'undici';
import type { CommandContext } from '../CommandContext.js';

/** The test seams whoami and can honour: `dispatcher` (the mock in-process), `homeDir` and `fs` (shared config files). @internal */
export function commandSeams(ctx: CommandContext): { dispatcher?: Dispatcher; homeDir?: string; fs?: ReadFileFs } {
  const o = ctx.overrides ?? {};
  return {
    ...(o['dispatcher'] === undefined ? {} : { dispatcher: o['dispatcher'] as Dispatcher }),
    ...(typeof o['homeDir'] === 'string' ? { homeDir: o['homeDir'] } : {}),
    ...(o['fs'] === undefined ? {} : { fs: o['fs'] as ReadFileFs }),
  };
}
