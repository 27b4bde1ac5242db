export { main } from './main.js';
export { COMMAND_NAMES, dispatch } from './dispatch.js';
export type { CommandLoaders, CommandName } from './dispatch.js';
export type { Command, CommandContext } from './CommandContext.js';
