/**
 * A binary min-heap of timed callbacks ordered by (time, insertion order), so
 * events due at the same instant run in the order they were scheduled and a
 * run is reproducible. O(log n) push and pop: 100 000 clients each with a
 * pending arrival stay cheap, where a linear scan would not.
 * @internal
 */
export class EventQueue {
  private readonly at: number[] = [];
  private readonly seq: number[] = [];
  private readonly fns: Array<() => void> = [];
  private nextSeq = 0;

  get size(): number {
    return this.at.length;
  }

  /** Due time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.at.length === 0 ? Infinity : (this.at[0] as number);
  }

  push(atMs: number, fn: () => void): void {
    const { at, seq, fns } = this;
    let i = at.length;
    at.push(atMs);
    seq.push(this.nextSeq++);
    fns.push(fn);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes and returns the earliest event's callback. */
  pop(): (() => void) | undefined {
    const { at, seq, fns } = this;
    if (at.length === 0) return undefined;
    const top = fns[0];
    const last = at.length - 1;
    this.swap(0, last);
    at.pop();
    seq.pop();
    fns.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < at.length && this.less(l, m)) m = l;
      if (r < at.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private less(i: number, j: number): boolean {
    const ai = this.at[i] as number;
    const aj = this.at[j] as number;
    return ai < aj || (ai === aj && (this.seq[i] as number) < (this.seq[j] as number));
  }

  private swap(i: number, j: number): void {
    const { at, seq, fns } = this;
    [at[i], at[j]] = [at[j] as number, at[i] as number];
    [seq[i], seq[j]] = [seq[j] as number, seq[i] as number];
    [fns[i], fns[j]] = [fns[j] as () => void, fns[i] as () => void];
  }
}
