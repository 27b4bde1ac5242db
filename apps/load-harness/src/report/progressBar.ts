import type { Writable } from 'node:stream';

/** A one-line progress bar redrawn in place. @public */
export interface ProgressBar {
  update(fraction: number, label: string): void;
  done(): void;
}

/**
 * Draws `[#####.....]  42 %  label` on `stream` (stderr, so stdout stays
 * clean for data), redrawing at most every 100 ms. When `stream` is not a TTY
 * it prints one line per label change instead of carriage returns.
 * @public
 */
export function createProgressBar(stream: Pick<Writable, 'write'> & { isTTY?: boolean }, width = 30, now: () => number = Date.now): ProgressBar {
  let lastDraw = 0;
  let lastLabel = '';
  const tty = stream.isTTY === true;
  return {
    update(fraction, label) {
      const f = Math.min(1, Math.max(0, fraction));
      if (!tty) {
        if (label !== lastLabel && label !== '') stream.write(`  running ${label} ...\n`);
        lastLabel = label;
        return;
      }
      const t = now();
      if (t - lastDraw < 100 && f < 1) return;
      lastDraw = t;
      const filled = Math.round(f * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(f * 100)).padStart(3)} %  ${label.padEnd(24)}`);
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
}
