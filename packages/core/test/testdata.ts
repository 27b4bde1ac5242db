import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a conformance vector file from shared/testdata (never copied into the repo); fails loudly when it is missing. */
export function readTestdata<T>(name: string): T {
  const url = new URL(`../../../../shared/testdata/${name}`, import.meta.url);
  const path = fileURLToPath(url);
  if (!existsSync(path)) throw new Error(`conformance vectors missing: ${path} (expected shared/testdata beside the checkout)`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
