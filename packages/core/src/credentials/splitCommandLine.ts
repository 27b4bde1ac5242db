/**
 * Splits a `credential_process` command line into a program and its arguments
 * the way the AWS CLI does (botocore's `compat_shell_split`,
 * docs/decisions/0098), so that the same line runs the same program with the
 * same arguments under both, and no shell ever sees it:
 *
 * - `posix`: CPython's `shlex.split(line)` (POSIX mode, no comments). Space,
 *   tab, CR and LF separate words; '…' keeps everything literally; "…" keeps
 *   everything but `\"` and `\\`; outside quotes a backslash takes the next
 *   character literally. `$VAR`, `~`, globs, `;`, `&&`, `|`, backquotes are
 *   ordinary characters.
 * - `windows`: the Microsoft C runtime's rules, as botocore implements them.
 *   Space and tab separate words; "…" groups; backslashes are literal unless
 *   they lead up to a `"`, where 2n of them give n, and 2n+1 give n and a
 *   literal quote.
 *
 * Throws a `SyntaxError` naming the problem (never echoing the line, which may
 * hold a password) for an unclosed quote or a trailing backslash.
 * @internal
 */
export function splitCommandLine(line: string, platform: 'posix' | 'windows'): string[] {
  return platform === 'windows' ? splitWindows(line) : splitPosix(line);
}

const POSIX_WHITESPACE = ' \t\r\n';

function splitPosix(line: string): string[] {
  const words: string[] = [];
  let word = '';
  // A word exists once any character or any quote was seen: '' is an empty argument.
  let inWord = false;
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quote === "'") {
      if (c === "'") quote = '';
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = '';
      else if (c === '\\') {
        if (i + 1 >= line.length) throw new SyntaxError('no escaped character after a backslash at the end');
        const next = line.charAt(++i);
        // Inside double quotes only the quote and the backslash can be escaped.
        word += next === '"' || next === '\\' ? next : `\\${next}`;
      } else word += c;
    } else if (POSIX_WHITESPACE.includes(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new SyntaxError('no escaped character after a backslash at the end');
      word += line.charAt(++i);
      inWord = true;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== '') throw new SyntaxError(`no closing quotation (${quote === '"' ? 'double' : 'single'} quote)`);
  if (inWord) words.push(word);
  return words;
}

function splitWindows(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let backslashes = 0;
  for (const c of line) {
    if (c === '\\') {
      backslashes++;
      continue;
    }
    if (c === '"') {
      word += '\\'.repeat(Math.floor(backslashes / 2));
      const escaped = backslashes % 2 === 1;
      backslashes = 0;
      inWord = true;
      if (escaped) word += '"';
      else quoted = !quoted;
      continue;
    }
    word += '\\'.repeat(backslashes);
    if (backslashes > 0) inWord = true;
    backslashes = 0;
    if ((c === ' ' || c === '\t') && !quoted) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quoted) throw new SyntaxError('no closing quotation (double quote)');
  word += '\\'.repeat(backslashes);
  if (inWord || backslashes > 0) words.push(word);
  return words;
}
