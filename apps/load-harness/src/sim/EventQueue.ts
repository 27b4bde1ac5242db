/**
 * A binary min-heap of timed items (callbacks) ordered by (time, insertion order), so
 * events due at the same instant run in the order they were scheduled and a
 * run is reproducible. O(log n) push and pop: 100 000 clients each with a
 * pending arrival stay cheap, where a linear scan would not. Sifting moves a
 * hole instead of swapping pairs (half the writes, no temporaries).
 * @internal
 */
export class EventQueue<T = () => void> {
  private readonly at: number[] = [];
  private readonly seq: number[] = [];
  private readonly fns: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.at.length;
  }

  /** Due time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.at.length === 0 ? Infinity : (this.at[0] as number);
  }

  /** Sequence number of the earliest event, or -1 when empty. */
  peekSeq(): number {
    return this.seq.length === 0 ? -1 : (this.seq[0] as number);
  }

  /** Sequence numbers of the events waiting, in no particular order. */
  pendingSeqs(): readonly number[] {
    return this.seq;
  }

  /** Adds an event; returns its sequence number. */
  push(atMs: number, item: T): number {
    const { at, seq, fns } = this;
    const s = this.nextSeq++;
    let i = at.length;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pa = at[parent] as number;
      if (pa < atMs || (pa === atMs && (seq[parent] as number) < s)) break;
      at[i] = pa;
      seq[i] = seq[parent] as number;
      fns[i] = fns[parent] as T;
      i = parent;
    }
    at[i] = atMs;
    seq[i] = s;
    fns[i] = item;
    return s;
  }

  /** Removes and returns the earliest event's item. */
  pop(): T | undefined {
    const { at, seq, fns } = this;
    const n = at.length - 1;
    if (n < 0) return undefined;
    const top = fns[0];
    const lastAt = at[n] as number;
    const lastSeq = seq[n] as number;
    const lastFn = fns[n] as T;
    at.pop();
    seq.pop();
    fns.pop();
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        const r = child + 1;
        if (r < n) {
          const ac = at[child] as number;
          const ar = at[r] as number;
          if (ar < ac || (ar === ac && (seq[r] as number) < (seq[child] as number))) child = r;
        }
        const ac = at[child] as number;
        if (lastAt < ac || (lastAt === ac && lastSeq < (seq[child] as number))) break;
        at[i] = ac;
        seq[i] = seq[child] as number;
        fns[i] = fns[child] as T;
        i = child;
      }
      at[i] = lastAt;
      seq[i] = lastSeq;
      fns[i] = lastFn;
    }
    return top;
  }
}
