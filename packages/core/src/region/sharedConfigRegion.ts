import { loadSharedConfig, type SharedConfigOptions } from '../config/loadSharedConfig.js';

/**
 * The `profileRegion` reader of {@link resolveRegion} over the shared config
 * files: the named profile's `region`, undefined when the profile or the
 * files are absent. A parse error in that profile propagates (a broken file
 * is not "no region").
 *
 * @example
 * ```ts
 * await resolveRegion({ env, profileRegion: sharedConfigRegion({ env }) }); // source `profile:default`
 * ```
 * @public
 */
export function sharedConfigRegion(options: SharedConfigOptions = {}): (profile: string) => Promise<string | undefined> {
  return async (profile) => (await loadSharedConfig(options)).profile(profile)?.properties.get('region');
}
