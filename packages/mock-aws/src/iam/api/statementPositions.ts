/** A 1-based line and column in a policy document's text. @internal */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Where each statement of a policy document starts and ends in its JSON text,
 * as IAM's simulator reports MatchedStatements. Scans the text once (strings
 * skipped); a document whose `Statement` is a single object gets one entry.
 * @internal
 */
export function statementPositions(text: string): { start: TextPosition; end: TextPosition }[] {
  const out: { start: TextPosition; end: TextPosition }[] = [];
  let line = 1;
  let column = 1;
  let depth = 0;
  let statementDepth = -1; // depth of the Statement value's container
  let lastKey = '';
  let start: TextPosition | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const s = text.slice(i + 1, j);
      column += j - i + 1;
      i = j;
      if (depth === 1) lastKey = s;
      continue;
    }
    if (c === '\n') {
      line++;
      column = 1;
      continue;
    }
    if (c === '{' || c === '[') {
      if (depth === 1 && lastKey === 'Statement') {
        statementDepth = c === '[' ? depth + 1 : depth;
        if (c === '{') start = { line, column };
      } else if (depth === statementDepth && c === '{') start = { line, column };
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (start !== null && depth === statementDepth && c === '}') {
        out.push({ start, end: { line, column: column + 1 } });
        start = null;
      }
      if (depth === 1 && statementDepth !== -1 && c === ']') statementDepth = -2;
    }
    column++;
  }
  return out;
}
