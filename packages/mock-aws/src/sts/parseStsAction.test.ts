import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseForm } from './parseForm.js';
import { MAX_STS_BODY_BYTES, parseQueryHead, parseStsAction } from './parseStsAction.js';
import { isStsError } from './StsError.js';
import { plainRequest } from './testContext.js';

describe('parseStsAction', () => {
  it('reads the Action from the body, then from the query string', () => {
    expect(parseStsAction(plainRequest('Version=2011-06-15&Action=AssumeRole'))).toBe('AssumeRole');
    expect(parseStsAction(plainRequest('', { method: 'GET', path: '/?Action=GetCallerIdentity&Version=2011-06-15' }))).toBe('GetCallerIdentity');
    expect(parseStsAction(plainRequest('Action=GetSessionToken', { path: '/?Action=AssumeRole' }))).toBe('GetSessionToken');
  });

  it('says Unknown when there is no readable Action', () => {
    expect(parseStsAction(plainRequest('Version=2011-06-15'))).toBe('Unknown');
    expect(parseStsAction(plainRequest('Action=%zz'))).toBe('Unknown');
    expect(parseStsAction(plainRequest(`Action=${'A'.repeat(65)}`))).toBe('Unknown');
    expect(parseStsAction(plainRequest(`Action=GetCallerIdentity&P=${'x'.repeat(MAX_STS_BODY_BYTES)}`))).toBe('Unknown');
  });

  it('never throws and returns a plain word or Unknown, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.string({ maxLength: 60 }), (body, query) => {
        const action = parseStsAction({ ...plainRequest('', { path: `/?${query}` }), body });
        expect(action).toMatch(/^[A-Za-z0-9]{1,64}$/);
      }),
    );
  });
});

describe('parseForm', () => {
  it('decodes what encodeURIComponent (and + for spaces) wrote, first key winning', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 10 })), { maxLength: 6 }), fc.boolean(), (pairs, plus) => {
        const enc = (s: string) => (plus ? encodeURIComponent(s).replace(/%20/g, '+') : encodeURIComponent(s));
        const parsed = parseForm(pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'));
        const expected = new Map<string, string>();
        for (const [k, v] of pairs) if (!expected.has(k)) expected.set(k, v);
        expect(parsed).toEqual(expected);
      }),
    );
  });

  it('refuses broken escapes and bytes that are not UTF-8 as MalformedQueryString', () => {
    for (const form of ['a=%', 'a=%4', 'a=%g0', '%zz=1', 'a=%C3%28', 'a=%ED%A0%80', '=1']) {
      const parsed = parseForm(form);
      expect(isStsError(parsed) ? parsed.code : 'parsed').toBe('MalformedQueryString');
    }
  });
});

describe('parseQueryHead', () => {
  it('reads Action and the raw Version in one scan, the body before the query string, the first of each', () => {
    expect(parseQueryHead(plainRequest('Action=GetUser&Version=2010-05-08'))).toEqual({ action: 'GetUser', version: '2010-05-08' });
    expect(parseQueryHead(plainRequest('Action=GetUser', { path: '/?Version=2010-05-08&Action=GetRole' }))).toEqual({ action: 'GetUser', version: '2010-05-08' });
    expect(parseQueryHead(plainRequest('Version=2011-06-15&Version=2010-05-08'))).toEqual({ action: 'Unknown', version: '2011-06-15' });
  });
});
