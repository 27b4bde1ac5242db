import { describe, expect, it } from 'vitest';
import { RolecallError } from '../src/index.js';
import { mergeSharedConfig } from '../src/config/loadSharedConfig.js';
import { resolveProfileChain } from '../src/credentials/resolveProfileChain.js';
import type { ParsedProfileFile, ProfileBase, ProfileChain } from '../src/index.js';
import { readTestdata } from './testdata.js';

interface AssumeRoleCase {
  docs: string;
  input: { profiles: Record<string, Record<string, string>>; sso_sessions?: Record<string, Record<string, string>>; selected_profile: string };
  output: { ProfileChain?: Record<string, unknown>[]; Error?: string };
}

const cases = readTestdata<AssumeRoleCase[]>('assume-role-tests.json');

function configOf(c: AssumeRoleCase['input']) {
  const toMap = (o: Record<string, Record<string, string>> = {}) => new Map(Object.entries(o).map(([k, v]) => [k, new Map(Object.entries(v))]));
  const parsed: ParsedProfileFile = { profiles: toMap(c.profiles), ssoSessions: toMap(c.sso_sessions), origins: new Map(), issues: [] };
  const empty: ParsedProfileFile = { profiles: new Map(), ssoSessions: new Map(), origins: new Map(), issues: [] };
  return mergeSharedConfig({ configFile: 'config', credentialsFile: 'credentials' }, parsed, empty);
}

/** Our chain in the vectors' notation: base first, then each AssumeRole. */
function notation(chain: ProfileChain): Record<string, unknown>[] {
  const base = (b: ProfileBase): Record<string, unknown> => {
    switch (b.kind) {
      case 'AccessKey':
        return { AccessKey: { access_key_id: b.accessKeyId, secret_access_key: b.secretAccessKey, ...(b.accountId === undefined ? {} : { account_id: b.accountId }) } };
      case 'NamedSource':
        return { NamedSource: b.source };
      case 'WebIdentityToken':
        return { WebIdentityToken: { role_arn: b.roleArn, web_identity_token_file: b.tokenFile, ...(b.sessionName === undefined ? {} : { role_session_name: b.sessionName }) } };
      case 'Process':
        return { CredentialProcess: b.command };
      case 'Sso':
        return { Sso: b.settings };
    }
  };
  return [
    base(chain.base),
    ...chain.roles.map((r) => ({ AssumeRole: { role_arn: r.roleArn, ...(r.sessionName === undefined ? {} : { role_session_name: r.sessionName }), ...(r.externalId === undefined ? {} : { external_id: r.externalId }) } })),
  ];
}

describe('assume-role-tests.json', () => {
  it('has the 28 cases the README promises', () => expect(cases).toHaveLength(28));

  it.each(cases.map((c, i) => [`${i}: ${c.docs}`, c] as const))('%s', (_name, c) => {
    const config = configOf(c.input);
    if (c.output.Error !== undefined) {
      // Expected texts are the Rust SDK's words: match the kind (an error of ours), not the text.
      let thrown: unknown;
      try {
        resolveProfileChain(config, c.input.selected_profile);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RolecallError);
      return;
    }
    expect(notation(resolveProfileChain(config, c.input.selected_profile))).toEqual(c.output.ProfileChain);
  });

  it('names every profile of a cycle in the error', () => {
    const config = configOf({ profiles: { A: { role_arn: 'arn:aws:iam::1:role/A', source_profile: 'B' }, B: { role_arn: 'arn:aws:iam::1:role/B', source_profile: 'A' } }, selected_profile: 'A' });
    expect(() => resolveProfileChain(config, 'A')).toThrow(/A -> B -> A/);
  });
});
