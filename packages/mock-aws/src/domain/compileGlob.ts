/**
 * Fault-rule path globs: `**` spans segments, `*` stays within one, `?` is one
 * character of a segment, anything else is itself.
 *
 * Matched by simulating the glob as an automaton over the path (docs/decisions/0091),
 * never through a backtracking RegExp: a glob of g tokens against a path of n
 * characters takes at most (n + 1) × (g + 1) steps whatever their content, so
 * `/*a*a*a…!` against a long path costs microseconds, not seconds.
 */

type Token = { readonly kind: 'char'; readonly ch: string } | { readonly kind: 'one' | 'star' | 'globstar' };

/** A compiled glob. @internal */
export interface GlobMatcher {
  /** Whether `path` matches the whole glob. */
  test(path: string): boolean;
  /** As `test`, also counting the automaton's steps (for tests of the bound). */
  testCounting(path: string): { readonly matched: boolean; readonly steps: number };
}

/** Splits a glob into tokens; runs of stars collapse (`***` is `**`, `*` next to `**` is `**`). */
function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    let token: Token;
    if (ch === '*' && glob[i + 1] === '*') {
      token = { kind: 'globstar' };
      i++;
    } else if (ch === '*') token = { kind: 'star' };
    else if (ch === '?') token = { kind: 'one' };
    else token = { kind: 'char', ch };
    const last = tokens.at(-1);
    if (last !== undefined && (last.kind === 'star' || last.kind === 'globstar') && (token.kind === 'star' || token.kind === 'globstar')) {
      if (token.kind === 'globstar') tokens[tokens.length - 1] = token;
      continue;
    }
    tokens.push(token);
  }
  return tokens;
}

/** @internal */
export function compileGlob(glob: string): GlobMatcher {
  const tokens = tokenize(glob);
  const m = tokens.length;
  // A glob without wildcards is a string comparison.
  if (tokens.every((t) => t.kind === 'char')) {
    return { test: (path) => path === glob, testCounting: (path) => ({ matched: path === glob, steps: Math.min(path.length, glob.length) + 1 }) };
  }

  const run = (path: string, count: boolean): { matched: boolean; steps: number } => {
    let current = new Uint8Array(m + 1);
    let next = new Uint8Array(m + 1);
    let steps = 0;
    // Stars may match nothing: a state before a star also stands after it (ascending, so chains close in one pass).
    const close = (states: Uint8Array): boolean => {
      let any = false;
      for (let i = 0; i <= m; i++) {
        if (states[i] === 0) continue;
        any = true;
        if (count) steps++;
        const token = tokens[i];
        if (token !== undefined && (token.kind === 'star' || token.kind === 'globstar')) states[i + 1] = 1;
      }
      return any;
    };
    current[0] = 1;
    close(current);
    for (let p = 0; p < path.length; p++) {
      const ch = path[p] as string;
      next.fill(0);
      for (let i = 0; i < m; i++) {
        if (current[i] === 0) continue;
        const token = tokens[i] as Token;
        switch (token.kind) {
          case 'char':
            if (token.ch === ch) next[i + 1] = 1;
            break;
          case 'one':
            if (ch !== '/') next[i + 1] = 1;
            break;
          case 'star':
            if (ch !== '/') next[i] = 1;
            break;
          case 'globstar':
            next[i] = 1;
            break;
        }
      }
      [current, next] = [next, current];
      if (!close(current)) return { matched: false, steps };
    }
    return { matched: current[m] === 1, steps };
  };

  return {
    test: (path) => run(path, false).matched,
    testCounting: (path) => run(path, true),
  };
}
