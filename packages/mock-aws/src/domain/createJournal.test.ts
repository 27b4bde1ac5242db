import { describe, expect, it } from 'vitest';
import { createJournal } from './createJournal.js';

const entry = (path: string) => ({ t: '2026-11-28T00:00:00.000Z', service: 'imds' as const, action: 'metadata', client: 'c', status: 404, code: 'NotFound', fault: null, method: 'GET', path });

describe('createJournal', () => {
  it('keeps the newest entries, oldest first, across several wraps of its ring', () => {
    const journal = createJournal(3);
    for (let i = 1; i <= 8; i++) journal.record(entry(`/${i}`));
    expect(journal.entries().map((e) => [e.seq, e.path])).toEqual([[6, '/6'], [7, '/7'], [8, '/8']]);
  });

  it('hands out copies and starts again from seq 1 after clear', () => {
    const journal = createJournal(2);
    journal.record(entry('/a'));
    const copy = journal.entries() as unknown[];
    copy.push('x');
    expect(journal.entries()).toHaveLength(1);
    journal.clear();
    expect(journal.record(entry('/b')).seq).toBe(1);
    expect(journal.entries().map((e) => e.path)).toEqual(['/b']);
  });

  it('keeps optional fields and the field order of a journal entry', () => {
    const journal = createJournal(5);
    const full = journal.record({ ...entry('/k'), accessKeyId: '****MPLE', delayMs: 250 });
    expect(Object.keys(full)).toEqual(['seq', 't', 'service', 'action', 'client', 'status', 'code', 'fault', 'method', 'path', 'accessKeyId', 'delayMs']);
    expect(Object.keys(journal.record(entry('/l')))).not.toContain('accessKeyId');
  });

  it('keeps within its byte budget, dropping the oldest, with the drop visible in seq', () => {
    const journal = createJournal(1_000_000, 4096);
    for (let i = 1; i <= 500; i++) journal.record(entry(`/${'x'.repeat(100)}/${i}`));
    const kept = journal.entries();
    const weight = kept.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
    expect(weight).toBeLessThanOrEqual(4096);
    expect(kept.length).toBeGreaterThan(5);
    expect(kept.at(-1)?.seq).toBe(500);
    expect(kept[0]?.seq).toBe(500 - kept.length + 1);
  });

  it('keeps the newest entry even when it alone is over the budget', () => {
    const journal = createJournal(10, 100);
    journal.record(entry('/a'));
    journal.record(entry(`/${'y'.repeat(400)}`));
    expect(journal.entries().map((e) => e.seq)).toEqual([2]);
  });
});
