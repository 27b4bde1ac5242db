/**
 * A binary min-heap of timed items (callbacks) ordered by (time, insertion order), so
 * events due at the same instant run in the order they were scheduled and a
 * run is reproducible. O(log n) push and pop: 100 000 clients each with a
 * pending arrival stay cheap, where a linear scan would not. Sifting moves a
 * hole instead of swapping pairs (half the writes, no temporaries).
 *
 * The heap itself is numbers only (time, sequence, slot in typed arrays); the
 * items stay put in a slot table. With 100 000+ events waiting, moving
 * pointers up and down the heap made every move a write barrier into an
 * old-generation array that each young-generation GC then had to scan
 * (docs/decisions/0136).
 * @internal
 */
export class EventQueue<T = () => void> {
  private at = new Float64Array(INITIAL_CAPACITY);
  private seq = new Float64Array(INITIAL_CAPACITY);
  private slot = new Int32Array(INITIAL_CAPACITY);
  /** Items by slot; a slot is reused once its item is popped. */
  private readonly items: (T | undefined)[] = [];
  /** Each item's two arguments, at 2 × slot and 2 × slot + 1 (see {@link poppedArg}). */
  private readonly args: unknown[] = [];
  /** The arguments pushed with the item the last `pop` returned. */
  poppedArg: unknown = undefined;
  poppedArg2: unknown = undefined;
  private readonly free: number[] = [];
  private length = 0;
  private nextSeq = 0;

  get size(): number {
    return this.length;
  }

  /** Due time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.length === 0 ? Infinity : (this.at[0] as number);
  }

  /** Sequence number of the earliest event, or -1 when empty. */
  peekSeq(): number {
    return this.length === 0 ? -1 : (this.seq[0] as number);
  }

  /** Sequence numbers of the events waiting, in no particular order. */
  pendingSeqs(): Iterable<number> {
    return this.seq.subarray(0, this.length);
  }

  /** Adds an event, with up to two arguments for its item; returns its sequence number. */
  push(atMs: number, item: T, arg?: unknown, arg2?: unknown): number {
    if (this.length === this.at.length) this.grow();
    const { at, seq, slot } = this;
    const s = this.nextSeq++;
    const home = this.free.pop() ?? this.items.length;
    this.items[home] = item;
    this.args[2 * home] = arg;
    this.args[2 * home + 1] = arg2;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pa = at[parent] as number;
      if (pa < atMs || (pa === atMs && (seq[parent] as number) < s)) break;
      at[i] = pa;
      seq[i] = seq[parent] as number;
      slot[i] = slot[parent] as number;
      i = parent;
    }
    at[i] = atMs;
    seq[i] = s;
    slot[i] = home;
    return s;
  }

  /** Removes and returns the earliest event's item. */
  pop(): T | undefined {
    if (this.length === 0) {
      this.poppedArg = undefined;
      this.poppedArg2 = undefined;
      return undefined;
    }
    const { at, seq, slot, items } = this;
    const topSlot = slot[0] as number;
    const top = items[topSlot];
    items[topSlot] = undefined;
    this.poppedArg = this.args[2 * topSlot];
    this.poppedArg2 = this.args[2 * topSlot + 1];
    this.args[2 * topSlot] = undefined;
    this.args[2 * topSlot + 1] = undefined;
    this.free.push(topSlot);
    const n = --this.length;
    if (n > 0) {
      const lastAt = at[n] as number;
      const lastSeq = seq[n] as number;
      const lastSlot = slot[n] as number;
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
        slot[i] = slot[child] as number;
        i = child;
      }
      at[i] = lastAt;
      seq[i] = lastSeq;
      slot[i] = lastSlot;
    }
    return top;
  }

  private grow(): void {
    const size = this.at.length * 2;
    const at = new Float64Array(size);
    const seq = new Float64Array(size);
    const slot = new Int32Array(size);
    at.set(this.at);
    seq.set(this.seq);
    slot.set(this.slot);
    this.at = at;
    this.seq = seq;
    this.slot = slot;
  }
}

const INITIAL_CAPACITY = 1024;
