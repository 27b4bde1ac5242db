import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseXml, xmlText } from './xml.js';

const reference = new XMLParser({ ignoreAttributes: true, ignoreDeclaration: true, removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false, trimValues: true, processEntities: true });
const escape = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('parseXml', () => {
  it('parses as the entity-processing parser does, with or without an & in the document', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('a&b', 'x <y> z', '&amp;&lt;', 'arn:aws:iam::123456789012:user/alice', '012345678901'));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('Arn', 'UserId', 'Account', 'Code', 'Message'), text), { maxLength: 5 }), (fields) => {
        const xml = `<?xml version="1.0"?><R xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Result>${fields.map(([name, value]) => `<${name}>${escape(value)}</${name}>`).join('')}</Result></R>`;
        expect(parseXml(xml)).toEqual(reference.parse(xml, true));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps numbers as text and expands entities', () => {
    const doc = parseXml('<R><Account>012345678901</Account><Message>a &amp; b &lt;c&gt;</Message></R>');
    expect(xmlText(doc, 'R', 'Account')).toBe('012345678901');
    expect(xmlText(doc, 'R', 'Message')).toBe('a & b <c>');
  });
});
