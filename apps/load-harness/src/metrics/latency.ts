import * as hdr from 'hdr-histogram-js';

/** Latency percentiles in milliseconds. @public */
export interface LatencyPercentiles {
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
}

/**
 * p50, p99 and p99.9 of `valuesMs` through an HDR histogram (microsecond
 * resolution, 3 significant digits), the same structure autocannon reports
 * from, so our figures and its figures are comparable. Empty input gives zeros.
 * @public
 */
export function latencyPercentiles(valuesMs: readonly number[]): LatencyPercentiles {
  if (valuesMs.length === 0) return { p50: 0, p99: 0, p999: 0 };
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 2, numberOfSignificantValueDigits: 3, autoResize: true });
  for (const ms of valuesMs) histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
  const at = (p: number): number => round3(histogram.getValueAtPercentile(p) / 1000);
  const result = { p50: at(50), p99: at(99), p999: at(99.9) };
  histogram.destroy();
  return result;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
