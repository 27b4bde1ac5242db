import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProfileFile } from './parseProfileFile.js';

const name = fc.stringMatching(/^[A-Za-z0-9\-_.%@:+/]{1,20}$/);
const key = fc.stringMatching(/^[a-z0-9_-]{1,20}$/);
// Values without leading/trailing blanks and without a comment marker after whitespace.
const value = fc.stringMatching(/^[A-Za-z0-9=:/._-]([A-Za-z0-9 =:/._-]{0,30}[A-Za-z0-9=:/._-])?$/).filter((v) => !/[ \t][#;]/.test(v));

describe('parseProfileFile', () => {
  it('reads back any well-formed config it is given (round trip)', () => {
    fc.assert(
      fc.property(fc.dictionary(name, fc.dictionary(key, value, { maxKeys: 5 }), { maxKeys: 5 }), (profiles) => {
        const text = Object.entries(profiles)
          .map(([p, props]) => [`[profile ${p}]`, ...Object.entries(props).map(([k, v]) => `${k} = ${v}`)].join('\n'))
          .join('\n');
        const parsed = parseProfileFile(text, 'config', 'config');
        expect(parsed.issues).toEqual([]);
        expect(Object.fromEntries([...parsed.profiles].map(([k, v]) => [k, Object.fromEntries(v)]))).toEqual(profiles);
      }),
    );
  });

  it('never throws, whatever the input, and attributes issues to a line inside the file', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parseProfileFile(text, 'config', 'f');
        const lines = text.split(/\r?\n/).length;
        for (const issue of parsed.issues) expect(issue.line).toBeGreaterThanOrEqual(1), expect(issue.line).toBeLessThanOrEqual(lines);
      }),
    );
  });

  it('keeps where each property was written', () => {
    const parsed = parseProfileFile('[profile a]\n\nregion = eu-west-1\n', 'config', '/x/config');
    expect(parsed.origins.get('a')?.get('region')).toEqual({ file: '/x/config', line: 3 });
  });
});
