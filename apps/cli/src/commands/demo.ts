import { createClient, defaultCredentials, getCallerIdentity, maskAccessKeyId, type ReadFileFs } from '@rolecall/core';
import { createMockAws, startMockServer } from '@rolecall/mock-aws';
import { builtinScenario, createProgressBar, createRealRunner, formatTable, runLoad, writeReport, type RealModeOptions } from '@rolecall/load-harness';
import type { CommandContext } from '../CommandContext.js';

const { tmpdir } = process.getBuiltinModule('node:os');
const { isAbsolute, join, resolve } = process.getBuiltinModule('node:path');
const { parseArgs } = process.getBuiltinModule('node:util');

const USAGE = `usage: rolecall demo [--out DIR] [--clients N] [--duration S]

The whole story in under a minute: starts the fake AWS on loopback, resolves
credentials through the default chain from its IMDS as an EC2 instance would,
calls STS GetCallerIdentity, then overloads a throttled STS 3× with several
retry strategies side by side and prints the table and the report's location.

options:
  --out DIR       report directory (default: rolecall-demo in the system temp directory)
  --clients N     clients in the overload run (default 50)
  --duration S    seconds of overload per strategy (default 4)
`;

/** The demo's strategies: the synchronised baseline, plain full jitter, ours, and undici's own retries. */
const DEMO_STRATEGIES = ['no-jitter', 'full-jitter', 'rolecall', 'undici-retry'];

/** No shared config files: the demo must not read the user's ~/.aws, whatever is in it. */
const NO_FILES: ReadFileFs = {
  readFile: async (path) => {
    throw Object.assign(new Error(`ENOENT: no such file (the demo reads no config files): ${path}`), { code: 'ENOENT' });
  },
};

/**
 * `rolecall demo`: fake AWS → default credential chain via IMDS → whoami →
 * a short overload comparison. `npm start` runs it.
 * @public
 */
export async function demo(ctx: CommandContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...ctx.argv], options: { out: { type: 'string' }, clients: { type: 'string' }, duration: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    ctx.stderr.write(`rolecall demo: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 64;
  }
  if (values.help === true) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const clients = Number(values.clients ?? 50);
  const durationS = Number(values.duration ?? 4);
  if (!(Number.isInteger(clients) && clients > 0 && durationS > 0)) {
    ctx.stderr.write(`rolecall demo: --clients needs a positive integer and --duration a positive number.\n`);
    return 64;
  }
  const out = values.out === undefined ? join(tmpdir(), 'rolecall-demo') : isAbsolute(values.out) ? values.out : resolve(ctx.cwd, values.out);
  const say = (line: string): void => void ctx.stdout.write(`${line}\n`);
  const started = performance.now();

  const mock = createMockAws({}, { clockMode: 'real' });
  const server = await startMockServer(mock, { port: 0 });
  try {
    say(`1. fake AWS (IMDS, STS) listening on ${server.url}`);
    // As an EC2 instance would: nothing in the environment but where IMDS is; no config files.
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url };
    const credentials = defaultCredentials({ env, fs: NO_FILES, homeDir: join(tmpdir(), 'rolecall-demo-empty-home'), shared: false });
    const resolved = await credentials();
    say(`2. credentials from the default chain: source ${resolved.source ?? 'unknown'}, key ${maskAccessKeyId(resolved.accessKeyId)}${resolved.expiration === undefined ? '' : `, expires ${resolved.expiration.toISOString()}`}`);
    const client = createClient({ region: 'us-east-1', endpoint: server.url, credentials, env: {} });
    const me = await getCallerIdentity(client);
    await client.close();
    say(`3. whoami: account ${me.Account}, ${me.Arn}`);
  } finally {
    await server.close();
  }

  const scenario = builtinScenario('e1-overload', { clients, durationS, capacityRps: 100, load: 3, strategies: DEMO_STRATEGIES });
  say(`4. overload: ${clients} clients offer 3 × a ${scenario.capacityRps} rps STS for ${durationS} s, once per strategy (${DEMO_STRATEGIES.join(', ')})`);
  const progress = createProgressBar(ctx.stderr as Parameters<typeof createProgressBar>[0]);
  const realMode: RealModeOptions = { drainS: 3, ...((ctx.overrides?.['realMode'] as RealModeOptions | undefined) ?? {}) };
  const run = await runLoad({ scenario, mode: 'real', seed: 1, real: createRealRunner(realMode), onProgress: (f, label) => progress.update(f, label) });
  progress.done();
  ctx.stdout.write(formatTable(run.report.strategies));
  for (const w of run.warnings) ctx.stderr.write(`warning: ${w}\n`);
  const files = await writeReport(out, run);
  say(`\nWA = attempts per success, RA = retries per first attempt, Jain = fairness over clients (1 = even).`);
  say(`report: ${files.markdown} (JSON: ${files.json}; charts: ${files.charts.join(', ')})`);
  say(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}
