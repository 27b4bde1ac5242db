import { readFileSync } from 'node:fs';

/**
 * Reads a cross-SDK conformance vector file copied into `test/conformance/`
 * (unmodified, Apache-2.0; see the NOTICE there for the source commit).
 */
export function readTestdata<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./conformance/${name}`, import.meta.url), 'utf8')) as T;
}
