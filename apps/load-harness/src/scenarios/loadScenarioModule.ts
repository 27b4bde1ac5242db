import { basename, extname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Scenario } from '../types.js';
import { HarnessOptionError } from '../errors.js';
import { validateScenario } from './builtinScenarios.js';

/**
 * Loads a user scenario: a module exporting `scenario` (any subset of
 * {@link Scenario}; defaults fill the rest, the file name is the default name).
 * `.mjs`/`.js` work everywhere; a `.ts` file needs Node ≥ 22.18 or a TS loader
 * (`node --import tsx ...`) because Node 20 cannot import TypeScript itself.
 * @example
 * // my-scenario.mjs
 * export const scenario = { clients: 300, durationS: 30, capacityRps: 150, phases: [{ atS: 0, loadFactor: 2 }], strategies: ['rolecall', 'no-jitter'] };
 * @public
 */
export async function loadScenarioModule(path: string, cwd: string): Promise<Scenario> {
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const ts = extname(file) === '.ts' || extname(file) === '.mts';
    const hint = ts ? ' Node 20 cannot import .ts files: rename it to .mjs, or run with a TypeScript loader (node --import tsx).' : '';
    throw new HarnessOptionError('scenario', `Could not load the scenario module ${file}: ${error instanceof Error ? error.message : String(error)}.${hint}`);
  }
  const exported = mod['scenario'];
  if (typeof exported !== 'object' || exported === null) {
    throw new HarnessOptionError('scenario', `${file} must export \`scenario\`, an object such as { clients: 100, durationS: 20, capacityRps: 200, phases: [{ atS: 0, loadFactor: 3 }] }.`);
  }
  const s = exported as Partial<Scenario>;
  return validateScenario({ ...s, name: s.name ?? basename(file, extname(file)) });
}
