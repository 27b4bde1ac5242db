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
  let entries: JournalEntry[] = [];
  let start = 0;
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
      if (entry.delayMs !== undefined) (full as { delayMs?: number }).delayMs = entry.delayMs;
      entries.push(full);
      // Drop in chunks so trimming stays amortized O(1).
      if (entries.length - start > limit) start++;
      if (start > 1024 && start > entries.length / 2) {
        entries = entries.slice(start);
        start = 0;
      }
      return full;
    },
    entries: () => (start === 0 ? entries.slice() : entries.slice(start)),
    clear() {
      entries = [];
      start = 0;
      seq = 0;
    },
  };
}
