import { describe, expect, it } from 'vitest';
import { parseProfileFile } from '../src/index.js';
import { mergeSharedConfig, resolveConfigFiles, resolveProfileName } from '../src/config/loadSharedConfig.js';
import { readTestdata } from './testdata.js';

interface ParserCase {
  name: string;
  input: { configFile?: string; credentialsFile?: string };
  output: { config?: { profiles: Record<string, Record<string, string>>; sso_sessions?: Record<string, Record<string, string>> }; errorContaining?: string };
}
interface LocationCase {
  name: string;
  environment: Record<string, string>;
  platform: 'linux' | 'windows';
  profile?: string;
  configLocation: string;
  credentialsLocation: string;
}

const toObject = (m: ReadonlyMap<string, ReadonlyMap<string, string>>): Record<string, Record<string, string>> =>
  Object.fromEntries([...m].map(([k, v]) => [k, Object.fromEntries(v)]));

const parser = readTestdata<{ tests: ParserCase[] }>('profile-parser-tests.json').tests;
const locations = readTestdata<{ tests: LocationCase[] }>('file-location-tests.json').tests;

describe('profile-parser-tests.json', () => {
  it('has the 65 cases the README promises', () => expect(parser).toHaveLength(65));

  it.each(parser.map((c, i) => [`${i}: ${c.name}`, c] as const))('%s', (_name, c) => {
    const merged = mergeSharedConfig(
      { configFile: 'config', credentialsFile: 'credentials' },
      parseProfileFile(c.input.configFile ?? '', 'config', 'config'),
      parseProfileFile(c.input.credentialsFile ?? '', 'credentials', 'credentials'),
    );
    if (c.output.errorContaining !== undefined) {
      expect(merged.issues.map((i) => i.message).join('\n')).toContain(c.output.errorContaining);
      expect(merged.issues[0]?.line).toBeGreaterThan(0);
      return;
    }
    expect(merged.issues).toEqual([]);
    expect(toObject(merged.profiles)).toEqual(c.output.config?.profiles);
    if (c.output.config?.sso_sessions !== undefined) expect(toObject(merged.ssoSessions)).toEqual(c.output.config.sso_sessions);
  });
});

describe('file-location-tests.json', () => {
  it('has the 9 cases the README promises', () => expect(locations).toHaveLength(9));

  it.each(locations.map((c, i) => [`${i}: ${c.name}`, c] as const))('%s', (_name, c) => {
    const found = resolveConfigFiles({ env: c.environment, platform: c.platform });
    expect(found).toEqual({ configFile: c.configLocation, credentialsFile: c.credentialsLocation });
    if (c.profile !== undefined) expect(resolveProfileName({ env: c.environment })).toBe(c.profile);
  });
});
