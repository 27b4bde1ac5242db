/**
 * The CLI bundle's stand-in for @rolecall/core's src/http/thirdParty.ts
 * (rolldown.config.mjs puts it in that file's place; decision 0076). Same
 * exports, same lazy loading, but the packages are bundled into the CLI's
 * single file instead of read from node_modules at run time, and
 * fast-xml-parser comes from its ES module sources (rolldown.config.mjs
 * prefers the `import` condition). `require` keeps it lazy for explain and
 * imds, at the price of its builder riding along in the bundle, unexecuted.
 */
import type { XMLParser } from 'fast-xml-parser';

/** aws4, the SigV4 signer. */
export function loadAws4(): typeof import('aws4') {
  return require('aws4') as typeof import('aws4');
}

/** fast-xml-parser's parser class. */
export function loadXmlParser(): typeof XMLParser {
  return (require('fast-xml-parser') as typeof import('fast-xml-parser')).XMLParser;
}
