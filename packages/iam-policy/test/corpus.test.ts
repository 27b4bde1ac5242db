import { describe, expect, it } from 'vitest';
import { MalformedPolicyError, denialMessage, evaluate, parsePolicy, type PolicyKind } from '@rolecall/iam-policy';
import { ALICE, type Group } from './corpus/Corpus.js';
import { conditionOperators } from './corpus/conditionOperators.js';
import { evaluationLogic } from './corpus/evaluationLogic.js';
import { malformed } from './corpus/malformed.js';
import { trustPolicies } from './corpus/trustPolicies.js';
import { variablesAndNot } from './corpus/variablesAndNot.js';

const groups: readonly Group[] = [...evaluationLogic, ...trustPolicies, ...conditionOperators, ...variablesAndNot];

function compile(group: Group) {
  const parse = (kind: PolicyKind, list: readonly unknown[] | undefined) => (list ?? []).map((d, i) => parsePolicy(d, { kind, id: `${kind}#${i}` }));
  const trust = group.trust === undefined ? [] : [parsePolicy(group.trust, { kind: 'trust', id: 'trust' })];
  return {
    identity: parse('identity', group.identity),
    resource: [...parse('resource', group.resource), ...trust],
    boundary: group.boundary === undefined ? null : parsePolicy(group.boundary, { kind: 'boundary', id: 'boundary' }),
    session: parse('session', group.session),
    requireResourceAllow: group.trust !== undefined,
    ...(group.resourceAccount ? { resourceAccount: group.resourceAccount } : {}),
  };
}

const total = groups.reduce((n, g) => n + g.cases.length, 0) + malformed.length;

describe(`the evaluation corpus (${total} cases)`, () => {
  it('holds at least 300 cases', () => {
    expect(total).toBeGreaterThanOrEqual(300);
  });

  for (const group of groups) {
    describe(group.name, () => {
      const policies = compile(group);
      group.cases.forEach((c, i) => {
        const principal = c.principal ?? group.principal ?? ALICE;
        it(`#${i} ${c.action} ${c.resource ?? '*'} ${JSON.stringify(c.context ?? {})} -> ${c.expect}${c.note ? ` (${c.note})` : ''}`, () => {
          const result = evaluate({ principal, action: c.action, resource: c.resource ?? '*', ...(c.context ? { context: c.context } : {}) }, policies);
          expect(result.decision).toBe(c.expect);
          if (c.deniedBy) expect(result.deniedBy).toBe(c.deniedBy);
          if (c.decisive) expect(result.decisive.map((s) => s.sid)).toEqual(c.decisive);
          if (c.missing) expect(result.missingContextKeys).toEqual(c.missing);
          if (c.expect === 'allowed') {
            expect(result.decisive.length).toBeGreaterThan(0);
            expect(result.decisive.every((s) => s.effect === 'Allow')).toBe(true);
          } else {
            expect(denialMessage(result, principal.arn ?? 'anonymous')).toMatch(/ is not authorized to perform: /);
          }
          if (c.expect === 'explicitDeny') expect(result.decisive.every((s) => s.effect === 'Deny')).toBe(true);
        });
      });
    });
  }

  describe('documents IAM refuses', () => {
    malformed.forEach(([document, kind, message], i) => {
      it(`#${i} ${kind}: ${message}`, () => {
        let caught: unknown;
        try {
          parsePolicy(document, { kind });
        } catch (error) {
          caught = error;
        }
        expect(MalformedPolicyError.is(caught)).toBe(true);
        expect((caught as MalformedPolicyError).awsCode).toBe('MalformedPolicyDocument');
        expect((caught as MalformedPolicyError).code).toBe('ERR_ROLECALL_MALFORMED_POLICY');
        expect((caught as Error).message).toBe(message);
      });
    });
  });
});
