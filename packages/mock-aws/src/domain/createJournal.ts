import type { JournalEntry } from './MockRequest.js';

/** @internal */
export interface Journal {
  /** Records one request; `seq` is assigned here. */
  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry;
  entries(): readonly JournalEntry[];
  clear(): void;
}

/** What an entry weighs beyond its strings: field names, numbers and punctuation of its JSON. */
const ENTRY_OVERHEAD_BYTES = 160;

/** Roughly the bytes of an entry's JSON: enough to bound memory, cheap enough for every request. */
function weigh(entry: JournalEntry): number {
  return (
    ENTRY_OVERHEAD_BYTES + entry.t.length + entry.service.length + entry.action.length + entry.client.length +
    (entry.code?.length ?? 0) + (entry.fault?.length ?? 0) + entry.method.length + entry.path.length + (entry.accessKeyId?.length ?? 0)
  );
}

/**
 * The request journal. Entries are built by the core from masked values only
 * (never a secret, token or body), with paths and client names already cut
 * short. It keeps the newest entries within both `limit` entries and
 * `maxBytes` (as their JSON roughly weighs), so neither a long load run nor
 * long fields can exhaust memory; `seq` keeps counting, so a gap at the
 * start shows that old entries were dropped.
 * @internal
 */
export function createJournal(limit: number, maxBytes: number = Number.POSITIVE_INFINITY): Journal {
  // A queue: appended at the end, dropped from `head`; the dropped prefix is cut off now and then.
  let entries: JournalEntry[] = [];
  let weights: number[] = [];
  let head = 0;
  let bytes = 0;
  let seq = 0;
  return {
    record(entry) {
      // Built field by field (not spread): this runs on every request.
      const full: JournalEntry = {
        seq: ++seq,
        t: entry.t,
        service: entry.service,
        action: entry.action,
        client: entry.client,
        status: entry.status,
        code: entry.code,
        fault: entry.fault,
        method: entry.method,
        path: entry.path,
      };
      if (entry.accessKeyId !== undefined) (full as { accessKeyId?: string }).accessKeyId = entry.accessKeyId;
      if (entry.region !== undefined) (full as { region?: string }).region = entry.region;
      if (entry.delayMs !== undefined) (full as { delayMs?: number }).delayMs = entry.delayMs;
      const weight = weigh(full);
      entries.push(full);
      weights.push(weight);
      bytes += weight;
      while (entries.length - head > limit || (bytes > maxBytes && entries.length - head > 1)) {
        bytes -= weights[head] as number;
        head++;
      }
      // Amortized O(1): the dropped prefix is removed once it is as long as what is kept.
      if (head >= 1024 && head * 2 >= entries.length) {
        entries = entries.slice(head);
        weights = weights.slice(head);
        head = 0;
      }
      return full;
    },
    entries: () => entries.slice(head),
    clear() {
      entries = [];
      weights = [];
      head = 0;
      bytes = 0;
      seq = 0;
    },
  };
}
