/**
 * Wildcard patterns (`*` any run, `?` one character) matched without regular
 * expressions: a pattern is split at its stars into segments; the first must
 * match at the start, the last at the end, the middle ones are each found at
 * their leftmost place after the previous one. Leftmost is always safe (a
 * later segment can only gain room), so nothing is ever retried: the cost is
 * one pass over the value per segment position, never exponential, whatever a
 * policy author writes (see decision 0111).
 */

/** A piece of pattern text; `literal` pieces (substituted policy variables) have no wildcards. @public */
export interface GlobPiece {
  readonly text: string;
  readonly literal: boolean;
}

interface Segment {
  readonly text: string;
  /** 1 where the pattern has `?`; null when the segment has none. */
  readonly any: Uint8Array | null;
}

/** A compiled wildcard pattern. @public */
export interface Glob {
  /** 'all' matches everything, 'exact' compares strings, 'wild' runs the segment matcher. */
  readonly mode: 'all' | 'exact' | 'wild';
  readonly exact: string;
  readonly segments: readonly Segment[];
  readonly star: boolean;
  readonly minLength: number;
}

const ALL: Glob = { mode: 'all', exact: '', segments: [], star: true, minLength: 0 };

/** Compiles pattern pieces; `fold` lower-cases everything (actions are case-insensitive). @public */
export function compileGlob(pieces: readonly GlobPiece[] | string, fold = false): Glob {
  const list: readonly GlobPiece[] = typeof pieces === 'string' ? [{ text: pieces, literal: false }] : pieces;
  const segments: Segment[] = [];
  let text = '';
  let any: number[] | null = null;
  let star = false;
  let wild = false;
  const close = (): void => {
    let mask: Uint8Array | null = null;
    if (any !== null) {
      mask = new Uint8Array(text.length);
      for (const i of any) mask[i] = 1;
    }
    segments.push({ text, any: mask });
    text = '';
    any = null;
  };
  for (const piece of list) {
    const source = fold ? piece.text.toLowerCase() : piece.text;
    if (piece.literal) {
      text += source;
      continue;
    }
    for (let i = 0; i < source.length; i++) {
      const c = source[i]!;
      if (c === '*') {
        star = wild = true;
        close();
      } else if (c === '?') {
        wild = true;
        (any ??= []).push(text.length);
        text += '?';
      } else text += c;
    }
  }
  close();
  if (star && segments.every((s) => s.text === '')) return ALL;
  if (!wild) return { mode: 'exact', exact: segments[0]!.text, segments, star: false, minLength: segments[0]!.text.length };
  const minLength = segments.reduce((n, s) => n + s.text.length, 0);
  return { mode: 'wild', exact: '', segments, star, minLength };
}

function segmentAt(seg: Segment, value: string, at: number): boolean {
  const { text, any } = seg;
  if (any === null) return value.startsWith(text, at);
  for (let i = 0; i < text.length; i++) {
    if (any[i] === 1) continue;
    if (value.charCodeAt(at + i) !== text.charCodeAt(i)) return false;
  }
  return true;
}

/** Leftmost start of `seg` in value[from, to - seg.length], or -1. */
function findSegment(seg: Segment, value: string, from: number, to: number): number {
  const last = to - seg.text.length;
  if (seg.any === null) {
    const at = value.indexOf(seg.text, from);
    return at !== -1 && at <= last ? at : -1;
  }
  for (let at = from; at <= last; at++) if (segmentAt(seg, value, at)) return at;
  return -1;
}

/** Whether `value` matches; fold `value` yourself when the glob was compiled folded. @public */
export function matchGlob(glob: Glob, value: string): boolean {
  if (glob.mode === 'exact') return value === glob.exact;
  return matchGlobIn(glob, value, 0, value.length);
}

/**
 * Whether value[start, end) matches, without slicing it out (an ARN's parts
 * are matched in place).
 */
export function matchGlobIn(glob: Glob, value: string, start: number, end: number): boolean {
  if (glob.mode === 'all') return true;
  const length = end - start;
  if (glob.mode === 'exact') return length === glob.exact.length && value.startsWith(glob.exact, start);
  const segs = glob.segments;
  if (length < glob.minLength) return false;
  if (!glob.star) return length === segs[0]!.text.length && segmentAt(segs[0]!, value, start);
  const first = segs[0]!;
  const last = segs[segs.length - 1]!;
  if (!segmentAt(first, value, start)) return false;
  const lastAt = end - last.text.length;
  if (!segmentAt(last, value, lastAt)) return false;
  let pos = start + first.text.length;
  for (let i = 1; i < segs.length - 1; i++) {
    const seg = segs[i]!;
    if (seg.text.length === 0) continue;
    const at = findSegment(seg, value, pos, lastAt);
    if (at === -1) return false;
    pos = at + seg.text.length;
  }
  return pos <= lastAt;
}
