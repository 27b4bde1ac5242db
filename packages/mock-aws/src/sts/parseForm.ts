import { type StsError, stsError } from './StsError.js';

/**
 * Decodes `application/x-www-form-urlencoded` text strictly: `+` is a space,
 * every `%` must start two hex digits, and the decoded bytes must be UTF-8.
 * The first occurrence of a repeated key wins. Anything else is
 * `MalformedQueryString` (decision 0023).
 * @internal
 */
export function parseForm(form: string, into: Map<string, string> = new Map()): Map<string, string> | StsError {
  if (form === '') return into;
  for (const pair of form.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = decodeComponent(eq < 0 ? '' : pair.slice(eq + 1));
    if (key === undefined || value === undefined) {
      return stsError(400, 'MalformedQueryString', 'The request contains invalid percent-encoding or characters that are not UTF-8.');
    }
    if (key === '') return stsError(400, 'MalformedQueryString', 'The request contains a parameter with an empty name.');
    if (!into.has(key)) into.set(key, value);
  }
  return into;
}

function decodeComponent(text: string): string | undefined {
  if (!/[%+]/.test(text)) return text;
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return undefined;
  try {
    // decodeURIComponent rejects byte sequences that are not UTF-8 (URIError).
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
