import type { Env } from './Env.js';
import { envValue } from './Env.js';
import { parseProfileFile } from './parseProfileFile.js';
import type { ParsedProfileFile, ProfileFileIssue, SettingOrigin } from './parseProfileFile.js';
import { ProfileFileParseError, ProfileNotFoundError } from '../errors.js';
import { MAX_SHARED_CONFIG_FILE_BYTES, nodeReadFileFs, readBoundedFile } from './readBoundedFile.js';
import type { ReadFileFs } from './readBoundedFile.js';

// The seam's home is readBoundedFile.ts; the providers import it from here.
export { nodeReadFileFs };
export type { ReadFileFs };

/** What {@link resolveConfigFiles} and {@link loadSharedConfig} read. @public */
export interface SharedConfigOptions {
  readonly env?: Env;
  /** Overrides the home directory found from `HOME`, `USERPROFILE`, `HOMEDRIVE`+`HOMEPATH`, `os.homedir()`. */
  readonly homeDir?: string;
  /** Path separator style; defaults to the running platform. */
  readonly platform?: 'windows' | 'linux';
  readonly fs?: ReadFileFs;
}

/** Where the two files are. @public */
export interface ConfigFileLocations {
  readonly configFile: string;
  readonly credentialsFile: string;
}

/** One profile as selected: its properties (credentials file over config file) and where each came from. @public */
export interface ProfileData {
  readonly name: string;
  readonly properties: ReadonlyMap<string, string>;
  readonly origins: ReadonlyMap<string, SettingOrigin>;
}

/** Both files, parsed and merged. Nothing here throws until a profile is selected. @public */
export interface SharedConfig extends ConfigFileLocations {
  readonly profiles: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly ssoSessions: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly issues: readonly ProfileFileIssue[];
  /** Whether each file existed. */
  readonly found: { readonly config: boolean; readonly credentials: boolean };
  /** The profile's data, or undefined when no file defines it. Throws {@link ProfileFileParseError} when a parse problem sits in that profile. */
  profile(name: string): ProfileData | undefined;
  /** Like {@link SharedConfig.profile} but throws {@link ProfileNotFoundError} when absent. */
  requireProfile(name: string, referencedFrom?: string): ProfileData;
}

function homeDirectory(env: Env, override: string | undefined): string {
  if (override !== undefined) return override;
  const home = envValue(env, 'HOME') ?? envValue(env, 'USERPROFILE');
  if (home !== undefined) return home;
  const drive = envValue(env, 'HOMEDRIVE');
  const path = envValue(env, 'HOMEPATH');
  if (drive !== undefined && path !== undefined) return `${drive}${path}`;
  return process.env['HOME'] ?? process.env['USERPROFILE'] ?? '';
}

/**
 * Where `~/.aws/config` and `~/.aws/credentials` are, per the cross-SDK rules
 * (`packages/core/test/conformance/file-location-tests.json`): `AWS_CONFIG_FILE` and
 * `AWS_SHARED_CREDENTIALS_FILE` override, `~` expands to the home directory.
 * @public
 */
export function resolveConfigFiles(options: SharedConfigOptions = {}): ConfigFileLocations {
  const env = options.env ?? process.env;
  const sep = (options.platform ?? (process.platform === 'win32' ? 'windows' : 'linux')) === 'windows' ? '\\' : '/';
  let home: string | undefined;
  const homeOnce = (): string => (home ??= homeDirectory(env, options.homeDir));
  const expand = (path: string): string => (path === '~' || path.startsWith('~/') || path.startsWith('~\\') ? `${homeOnce()}${path.slice(1)}` : path);
  const configFile = envValue(env, 'AWS_CONFIG_FILE');
  const credentialsFile = envValue(env, 'AWS_SHARED_CREDENTIALS_FILE');
  return {
    configFile: configFile !== undefined ? expand(configFile) : `${homeOnce()}${sep}.aws${sep}config`,
    credentialsFile: credentialsFile !== undefined ? expand(credentialsFile) : `${homeOnce()}${sep}.aws${sep}credentials`,
  };
}

async function readOptional(fs: ReadFileFs, path: string): Promise<{ text: string; found: boolean; issue?: string }> {
  try {
    return { text: await readBoundedFile(fs, path, MAX_SHARED_CONFIG_FILE_BYTES), found: true };
  } catch (error) {
    // A FIFO, a device or a huge file in place of a config file is not "no
    // profile": it is refused, loudly (docs/decisions/0097).
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_ROLECALL_NOT_REGULAR_FILE' || code === 'ERR_ROLECALL_FILE_TOO_LARGE') throw error;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { text: '', found: false };
    return { text: '', found: false, issue: `could not read ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Merges the parsed files from the texts given (tests and the CLI use this
 * directly); the credentials file wins a property defined in both.
 * @public
 */
export function mergeSharedConfig(
  locations: ConfigFileLocations,
  config: ParsedProfileFile,
  credentials: ParsedProfileFile,
  found: { config: boolean; credentials: boolean } = { config: true, credentials: true },
  extraIssues: readonly ProfileFileIssue[] = [],
): SharedConfig {
  const profiles = new Map<string, Map<string, string>>();
  const origins = new Map<string, Map<string, SettingOrigin>>();
  for (const parsed of [config, credentials]) {
    for (const [name, props] of parsed.profiles) {
      const merged = profiles.get(name) ?? new Map<string, string>();
      profiles.set(name, merged);
      for (const [k, v] of props) merged.set(k, v);
      const o = origins.get(name) ?? new Map<string, SettingOrigin>();
      origins.set(name, o);
      for (const [k, v] of parsed.origins.get(name) ?? []) o.set(k, v);
    }
  }
  const issues = [...config.issues, ...credentials.issues, ...extraIssues];

  const profile = (name: string): ProfileData | undefined => {
    const mine = issues.filter((i) => i.section === name);
    if (mine[0] !== undefined) throw new ProfileFileParseError(name, mine[0].file, mine[0].line, mine[0].message);
    const properties = profiles.get(name);
    if (properties === undefined) return undefined;
    return { name, properties, origins: origins.get(name) ?? new Map() };
  };

  return {
    ...locations,
    profiles,
    ssoSessions: config.ssoSessions,
    issues,
    found,
    profile,
    requireProfile(name, referencedFrom) {
      const data = profile(name);
      if (data !== undefined) return data;
      // A problem outside every section may be why the profile is missing: say so.
      const orphan = issues.find((i) => i.section === undefined);
      throw new ProfileNotFoundError(name, locations, referencedFrom, orphan === undefined ? undefined : orphan.message);
    },
  };
}

/**
 * Reads and parses both shared files. Missing files count as empty; parse
 * problems are kept and raised only when the profile they sit in is selected.
 * Throws a `NotRegularFileError` or `FileTooLargeError` when a file
 * is there but is not a regular file of at most
 * {@link MAX_SHARED_CONFIG_FILE_BYTES}.
 * @public
 */
export async function loadSharedConfig(options: SharedConfigOptions = {}): Promise<SharedConfig> {
  const locations = resolveConfigFiles(options);
  const fs = options.fs ?? nodeReadFileFs;
  const [config, credentials] = await Promise.all([readOptional(fs, locations.configFile), readOptional(fs, locations.credentialsFile)]);
  const extra: ProfileFileIssue[] = [];
  for (const [r, file] of [[config, locations.configFile], [credentials, locations.credentialsFile]] as const) {
    if (r.issue !== undefined) extra.push({ file, line: 0, message: r.issue, section: undefined });
  }
  return mergeSharedConfig(
    locations,
    parseProfileFile(config.text, 'config', locations.configFile),
    parseProfileFile(credentials.text, 'credentials', locations.credentialsFile),
    { config: config.found, credentials: credentials.found },
    extra,
  );
}

/**
 * The profile to use: the one given in code, else `AWS_PROFILE`, else `default`.
 * @public
 */
export function resolveProfileName(options: { readonly env?: Env; readonly profile?: string | undefined } = {}): string {
  return options.profile ?? envValue(options.env ?? process.env, 'AWS_PROFILE') ?? 'default';
}
