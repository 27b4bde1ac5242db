import { explainCredentials } from '@rolecall/core';
import type { CredentialsExplanation, ExecCommand, ReadFileFs, StsForCredentials } from '@rolecall/core';
import type { Dispatcher } from 'undici';
import type { Command, CommandContext } from '../CommandContext.js';

const { parseArgs } = process.getBuiltinModule('node:util');

const USAGE = `usage: rolecall explain [--profile P] [--region R] [--json]

Resolves credentials and region the way every rolecall client does, and shows
how: each credential provider in order (env, profile, web-identity, container,
imds) with ok / skipped (what it needed) / failed (why), and the region's
steps. No secret is ever printed; the access key is masked to 4 characters.

options:
  --profile P   a profile chosen on the command line (wins over env keys)
  --region R    a region chosen on the command line
  --json        the JSON object documented in docs/contracts.md
  --help        this text

exit codes: 0 credentials resolved, 2 no credentials, 64 bad usage
`;

/** The test seams this command honours (ctx.overrides). */
function seams(ctx: CommandContext): { dispatcher?: Dispatcher; homeDir?: string; fs?: ReadFileFs; sts?: StsForCredentials; exec?: ExecCommand } {
  const o = ctx.overrides ?? {};
  return {
    ...(o['dispatcher'] === undefined ? {} : { dispatcher: o['dispatcher'] as Dispatcher }),
    ...(typeof o['homeDir'] === 'string' ? { homeDir: o['homeDir'] } : {}),
    ...(o['fs'] === undefined ? {} : { fs: o['fs'] as ReadFileFs }),
    ...(o['sts'] === undefined ? {} : { sts: o['sts'] as StsForCredentials }),
    ...(o['exec'] === undefined ? {} : { exec: o['exec'] as ExecCommand }),
  };
}

function columns(rows: readonly (readonly string[])[]): string {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n') + '\n';
}

/** The human table, shaped like `aws configure list`, then the trace. */
export function formatExplanation(report: CredentialsExplanation, profile: string): string {
  const c = report.credentials;
  const r = report.region;
  const head = columns([
    ['Name', 'Value', 'Source'],
    ['----', '-----', '------'],
    ['profile', profile, ''],
    ['access_key', c.accessKeyId ?? '<not set>', c.source ?? 'none'],
    ['secret_key', c.ok ? '****************' : '<not set>', c.source ?? 'none'],
    ['expiration', c.expiration ?? (c.ok ? 'never (long-term keys)' : '-'), ''],
    ['region', r.value ?? '<invalid>', r.source ?? r.error?.message ?? ''],
  ]);
  const trace = columns([['provider', 'outcome', 'ms', 'reason'], ...c.trace.map((s) => [s.provider, s.outcome, s.ms.toFixed(1), s.reason])]);
  const region = columns([['region step', 'outcome', 'reason'], ...r.trace.map((s) => [s.step, s.outcome, s.reason])]);
  const verdict = c.ok ? `credentials: ok, from ${c.source ?? '?'}\n` : `credentials: NOT resolved (${c.error?.provider ?? 'chain'}): ${c.error?.message ?? ''}\n`;
  return `${head}\n${trace}\n${region}\n${verdict}`;
}

/**
 * `rolecall explain`: how credentials and region resolve here, as a table or
 * as the JSON contract. Exit 0 when credentials resolved, 2 when not.
 * @public
 */
export const explain: Command = async (ctx) => {
  let values: { profile?: string | undefined; region?: string | undefined; json?: boolean | undefined; help?: boolean | undefined };
  try {
    values = parseArgs({
      args: [...ctx.argv],
      options: { profile: { type: 'string' }, region: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    ctx.stderr.write(`rolecall explain: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 64;
  }
  if (values.help === true) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const report = await explainCredentials({
    env: ctx.env,
    ...seams(ctx),
    ...(values.profile === undefined ? {} : { profile: values.profile }),
    ...(values.region === undefined ? {} : { region: values.region }),
    shared: false,
  });
  if (values.json === true) ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else ctx.stdout.write(formatExplanation(report, values.profile ?? ctx.env['AWS_PROFILE'] ?? 'default'));
  return report.credentials.ok ? 0 : 2;
};
