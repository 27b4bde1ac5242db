import autocannon from 'autocannon';

/**
 * Background load from autocannon: unsigned STS calls at a fixed overall rate
 * from their own `x-rolecall-client`, competing for the same token bucket
 * (the throttle is taken before the signature is checked). autocannon cannot
 * retry or report per client (docs/reference/retry.md §8), so it only ever plays
 * the noisy neighbour.
 * @internal
 */
export function startBackgroundLoad(url: string, options: { readonly rps: number; readonly connections?: number }, durationS: number): { stop(): Promise<void> } {
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const instance = autocannon(
    {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-rolecall-client': 'background' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    connections: options.connections ?? 4,
    overallRate: options.rps,
    duration: durationS,
    },
    () => finished(),
  );
  return {
    async stop() {
      instance.stop();
      await done;
    },
  };
}
