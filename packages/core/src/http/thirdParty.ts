/**
 * The request path's CommonJS dependencies, each loaded on first use so that
 * resolving credentials or a region never pays for them (decision 0051).
 * fast-xml-parser is required, not imported, to get its single-file CommonJS
 * build: its ESM tree is dozens of files, each read and linked one by one.
 */
import { createRequire } from 'node:module';
import type { XMLParser } from 'fast-xml-parser';

const require = createRequire(import.meta.url);
let aws4: typeof import('aws4') | undefined;

/** aws4, the SigV4 signer. @internal */
export function loadAws4(): typeof import('aws4') {
  // Kept once loaded: every request signs, and `require()` walks the loader each time.
  return (aws4 ??= require('aws4') as typeof import('aws4'));
}


/** fast-xml-parser's parser class. @internal */
export function loadXmlParser(): typeof XMLParser {
  return (require('fast-xml-parser') as typeof import('fast-xml-parser')).XMLParser;
}
