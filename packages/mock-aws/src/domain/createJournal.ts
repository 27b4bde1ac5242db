import type { JournalEntry } from './MockRequest.js';

/** @internal */
export interface Journal {
  /** Records one request; `seq` is assigned here. */
  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry;
  entries(): readonly JournalEntry[];
  clear(): void;
}

/**
 * The request journal. Entries are built by the core from masked values only
 * (never a secret, token or body). It keeps the newest `limit` entries so a
 * long load run cannot exhaust memory; `seq` keeps counting, so a gap at the
 * start shows that old entries were dropped.
 * @internal
 */
export function createJournal(limit: number): Journal {
  // A ring: filled up to `limit`, then the oldest entry (at `next`) is overwritten.
  let entries: JournalEntry[] = [];
  let next = 0;
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
      if (entries.length < limit) entries.push(full);
      else {
        entries[next] = full;
        next = next + 1 === limit ? 0 : next + 1;
      }
      return full;
    },
    entries: () => (next === 0 ? entries.slice() : entries.slice(next).concat(entries.slice(0, next))),
    clear() {
      entries = [];
      next = 0;
      seq = 0;
    },
  };
}
