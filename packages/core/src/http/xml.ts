import type { XMLParser } from 'fast-xml-parser';
import { loadXmlParser } from './thirdParty.js';

/** A parsed XML element: text, or children by local name (repeated names become arrays). @internal */
export type XmlNode = string | { readonly [name: string]: XmlNode | readonly XmlNode[] | undefined };

let parsers: { readonly plain: XMLParser; readonly entities: XMLParser } | undefined;

/**
 * Parses an XML document with fast-xml-parser, namespaces stripped, every
 * value kept as text (an account id such as `012345678901` must not become a
 * number). The parser loads on first use (./thirdParty.ts says from where).
 * Entity processing costs about half of a parse, so a document without `&`,
 * which has no entity to expand, is parsed without it (decision 0123).
 * `validate: false` skips fast-xml-parser's separate validation pass (a
 * third of a parse): for a caller that checks what a truncation would break
 * itself (decision 0124).
 * @internal
 */
export function parseXml(text: string, options: { readonly validate?: boolean } = {}): XmlNode {
  if (parsers === undefined) {
    const Parser = loadXmlParser();
    const options = { ignoreAttributes: true, ignoreDeclaration: true, removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false, trimValues: true };
    parsers = { plain: new Parser({ ...options, processEntities: false }), entities: new Parser({ ...options, processEntities: true }) };
  }
  return (text.includes('&') ? parsers.entities : parsers.plain).parse(text, options.validate ?? true) as XmlNode;
}

/** Follows a path of element names; undefined when any step is missing or not an element. @internal */
export function xmlPath(node: XmlNode | readonly XmlNode[] | undefined, ...names: string[]): XmlNode | readonly XmlNode[] | undefined {
  let current = node;
  for (const name of names) {
    if (current === undefined || typeof current === 'string' || Array.isArray(current)) return undefined;
    current = (current as { readonly [name: string]: XmlNode | readonly XmlNode[] | undefined })[name];
  }
  return current;
}

/** The text at a path, or undefined. @internal */
export function xmlText(node: XmlNode | readonly XmlNode[] | undefined, ...names: string[]): string | undefined {
  const found = xmlPath(node, ...names);
  return typeof found === 'string' ? found : undefined;
}

/**
 * Whether `body`, trailing whitespace aside, ends by closing `root`
 * (namespace prefixes allowed): what lets a caller skip the validator, since a
 * body cut short cannot pass it (decision 0124).
 * @internal
 */
export function closesRoot(body: string, root: string): boolean {
  let end = body.length;
  while (end > 0 && ' \t\r\n'.includes(body[end - 1] as string)) end--;
  const close = `${root}>`;
  if (!body.startsWith(close, end - close.length)) return false;
  const before = body.lastIndexOf('</', end - close.length);
  // `</Root>` or `</prefix:Root>`.
  return before >= 0 && /^(?:[A-Za-z_][\w.-]*:)?$/.test(body.slice(before + 2, end - close.length));
}
