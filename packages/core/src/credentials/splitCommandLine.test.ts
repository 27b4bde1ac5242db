import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitCommandLine } from './splitCommandLine.js';

// [line, CPython 3.11 shlex.split(line), botocore's _windows_shell_split(line)];
// null where they raise ValueError. Produced by running both on each line.
const VECTORS: readonly (readonly [string, readonly string[] | null, readonly string[] | null])[] = [
  ['helper', ['helper'], ['helper']],
  ['  helper   --json  ', ['helper', '--json'], ['helper', '--json']],
  ['/opt/bin/helper --profile "dev team"', ['/opt/bin/helper', '--profile', 'dev team'], ['/opt/bin/helper', '--profile', 'dev team']],
  ["helper --password 'p@ss word'", ['helper', '--password', 'p@ss word'], ['helper', '--password', "'p@ss", "word'"]],
  ['helper $HOME', ['helper', '$HOME'], ['helper', '$HOME']],
  ['helper && touch /tmp/x', ['helper', '&&', 'touch', '/tmp/x'], ['helper', '&&', 'touch', '/tmp/x']],
  ['helper; rm -rf ~', ['helper;', 'rm', '-rf', '~'], ['helper;', 'rm', '-rf', '~']],
  ['helper | tee log', ['helper', '|', 'tee', 'log'], ['helper', '|', 'tee', 'log']],
  ['helper `id` $(id)', ['helper', '`id`', '$(id)'], ['helper', '`id`', '$(id)']],
  ["helper ''", ['helper', ''], ['helper', "''"]],
  ['helper ""', ['helper', ''], ['helper', '']],
  ['a"b c"d', ['ab cd'], ['ab cd']],
  ["it\\'s", ["it's"], ["it\\'s"]],
  ['say "a \\"quoted\\" word"', ['say', 'a "quoted" word'], ['say', 'a "quoted" word']],
  ['say "back\\\\slash"', ['say', 'back\\slash'], ['say', 'back\\\\slash']],
  ['say "\\n stays"', ['say', '\\n stays'], ['say', '\\n stays']],
  ['C:\\Program Files\\helper.exe --x', ['C:Program', 'Fileshelper.exe', '--x'], ['C:\\Program', 'Files\\helper.exe', '--x']],
  ['"C:\\Program Files\\helper.exe" --x', ['C:\\Program Files\\helper.exe', '--x'], ['C:\\Program Files\\helper.exe', '--x']],
  ['a\\\\\\"b', ['a\\"b'], ['a\\"b']],
  ['a\\\\"b c"', ['a\\b c'], ['a\\b c']],
  ['tab\tsep', ['tab', 'sep'], ['tab', 'sep']],
  ["$'a\\nb'", ['$a\\nb'], ["$'a\\nb'"]],
  ['x\\ y', ['x y'], ['x\\', 'y']],
  ['', [], []],
  ["helper 'unclosed", null, ["helper", "'unclosed"]],
  ['helper "unclosed', null, null],
  ['helper trailing\\', null, ['helper', 'trailing\\']],
];

const attempt = (line: string, platform: 'posix' | 'windows'): string[] | null => {
  try {
    return splitCommandLine(line, platform);
  } catch (error) {
    expect(error).toBeInstanceOf(SyntaxError);
    return null;
  }
};

/** What `shlex.quote` does: one single-quoted word, a quote inside written '"'"'. */
const posixQuote = (arg: string): string => `'${arg.replaceAll("'", `'"'"'`)}'`;

/** How a Windows program's arguments are quoted for the C runtime (libuv's quote_cmd_arg). */
const windowsQuote = (arg: string): string => `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;

/** Characters a shell would act on, and that the splitter must pass through as they are. */
const SHELL_META = [...'$`;&|<>()*?~!#{}[]=%^,.:@+-/'];
const word = fc.array(fc.oneof(fc.constantFrom(...SHELL_META), fc.constantFrom(...'abcXYZ019'), fc.constantFrom('é', '日', '😀')), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));

describe('splitCommandLine', () => {
  it.each(VECTORS)('%j splits as CPython shlex.split and botocore on Windows', (line, posix, windows) => {
    expect(attempt(line, 'posix')).toEqual(posix);
    expect(attempt(line, 'windows')).toEqual(windows);
  });

  it('gives back any arguments quoted as shlex.quote quotes them (POSIX)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { minLength: 1, maxLength: 6 }), (args) => {
        expect(splitCommandLine(args.map(posixQuote).join(' '), 'posix')).toEqual(args);
      }),
      { numRuns: 500 },
    );
  });

  it('gives back any arguments quoted for the C runtime (Windows)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { minLength: 1, maxLength: 6 }), (args) => {
        expect(splitCommandLine(args.map(windowsQuote).join(' '), 'windows')).toEqual(args);
      }),
      { numRuns: 500 },
    );
  });

  it('passes shell metacharacters through literally: no expansion, no operators', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), fc.constantFrom(' ', '  ', '\t'), (words, sep) => {
        const line = words.join(sep);
        expect(splitCommandLine(line, 'posix')).toEqual(words);
        expect(splitCommandLine(line, 'windows')).toEqual(words);
      }),
      { numRuns: 500 },
    );
  });

  it('on any input either splits or throws a SyntaxError that does not echo the line (it may hold a password)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('posix' as const, 'windows' as const), (text, platform) => {
        const line = `helper --password SECRET${text}`;
        try {
          const words = splitCommandLine(line, platform);
          expect(words.every((w) => typeof w === 'string')).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(SyntaxError);
          expect((error as Error).message).not.toContain('SECRET');
        }
      }),
      { numRuns: 1000 },
    );
  });
});
