import { InvalidOptionError, createClient, defaultCredentials, getCallerIdentity, simulatePrincipalPolicy } from '@rolecall/core';
import type { SimulatorContextEntry } from '@rolecall/core';
import { MalformedPolicyError, evaluate, parsePolicy, type ContextInput, type Policy } from '@rolecall/iam-policy';
import type { Command, CommandContext } from '../CommandContext.js';
import { commandSeams } from './commandSeams.js';

const { readFile } = process.getBuiltinModule('node:fs/promises');
const { isIP } = process.getBuiltinModule('node:net');
const { resolve } = process.getBuiltinModule('node:path');
const { parseArgs } = process.getBuiltinModule('node:util');

const USAGE = `usage: rolecall can ACTION [RESOURCE ...] [--context KEY=VALUE ...] [--profile P] [--policy-file F ...] [--json]

May the credentials I have do ACTION on each RESOURCE (default "*")? The
caller is found with STS GetCallerIdentity (an assumed-role session counts as
its role) and IAM SimulatePrincipalPolicy decides, at the endpoint the AWS
tools would use (AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL): the same command
answers against \`rolecall mock\` offline and against real AWS. With
--policy-file, the local policy documents decide, with no endpoint and no
credentials.

options:
  --context K=V     a condition key; repeat a key for a list (types inferred: ip, numeric, boolean, date, string)
  --profile P       profile for credentials (default AWS_PROFILE, then "default")
  --policy-file F   decide with this identity policy document instead (repeatable)
  --json            {"principal","source","allowed","results":[{"action","resource","decision","decisive","missingContext"}]}
  --help            this text

exit codes: 0 all allowed, 3 any denied, 2 could not decide, 64 bad usage
`;

interface CanArgs {
  readonly action: string;
  readonly resources: readonly string[];
  readonly context: ReadonlyMap<string, readonly string[]>;
  readonly profile: string | undefined;
  readonly policyFiles: readonly string[];
  readonly json: boolean;
}

/** One decision as `rolecall can` reports it (docs/contracts.md). @public */
export interface CanResult {
  readonly action: string;
  readonly resource: string;
  readonly decision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  readonly decisive: readonly Readonly<Record<string, string | number>>[];
  readonly missingContext: readonly string[];
}

function parseCanArgs(argv: readonly string[]): CanArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      context: { type: 'string', multiple: true },
      profile: { type: 'string' },
      'policy-file': { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help === true) return 'help';
  const [action, ...resources] = positionals;
  if (action === undefined) throw new InvalidOptionError('ACTION', 'name the action to check, e.g. rolecall can s3:GetObject arn:aws:s3:::bucket/key');
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+$/.test(action)) throw new InvalidOptionError('ACTION', `"${action}" is not an action such as s3:GetObject`);
  const context = new Map<string, string[]>();
  for (const entry of values.context ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new InvalidOptionError('--context', `"${entry}" is not KEY=VALUE, e.g. --context aws:SourceIp=203.0.113.7`);
    const key = entry.slice(0, eq);
    context.set(key, [...(context.get(key) ?? []), entry.slice(eq + 1)]);
  }
  return { action, resources: resources.length > 0 ? resources : ['*'], context, profile: values.profile, policyFiles: values['policy-file'] ?? [], json: values.json === true };
}

/** The simulator's type for a value, as well as it can be told from the text. */
function typeOf(value: string): string {
  const [address, prefix] = value.split('/');
  if (address !== undefined && isIP(address) !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix))) return 'ip';
  if (/^(true|false)$/i.test(value)) return 'boolean';
  if (/^-?\d+(\.\d+)?$/.test(value)) return 'numeric';
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return 'date';
  return 'string';
}

function contextEntries(context: ReadonlyMap<string, readonly string[]>): SimulatorContextEntry[] {
  return [...context].map(([key, values]) => {
    const type = typeOf(values[0] ?? '');
    return { ContextKeyName: key, ContextKeyValues: values, ContextKeyType: (values.length > 1 ? `${type}List` : type) as SimulatorContextEntry['ContextKeyType'] & string };
  });
}

/** An assumed-role session's ARN names its role; IAM simulates users and roles. */
function policySourceArn(arn: string): string {
  const session = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : arn;
}


async function withSimulator(ctx: CommandContext, args: CanArgs): Promise<{ principal: string; results: CanResult[] }> {
  const { dispatcher, homeDir, fs } = commandSeams(ctx);
  const credentials = defaultCredentials({ env: ctx.env, ...(dispatcher ? { dispatcher } : {}), ...(homeDir ? { homeDir } : {}), ...(fs ? { fs } : {}), ...(args.profile ? { profile: args.profile } : {}) });
  const client = createClient({ env: ctx.env, credentials, profile: args.profile, ...(dispatcher === undefined ? { transport: 'node:http' as const } : { dispatcher }) });
  try {
    const principal = policySourceArn((await getCallerIdentity(client)).Arn);
    const out = await simulatePrincipalPolicy(client, {
      PolicySourceArn: principal,
      ActionNames: [args.action],
      ResourceArns: args.resources,
      ContextEntries: contextEntries(args.context),
    });
    const results = out.EvaluationResults.map((r): CanResult => ({
      action: r.EvalActionName,
      resource: r.EvalResourceName ?? '*',
      decision: r.EvalDecision,
      decisive: r.MatchedStatements.map((m) => ({
        ...(m.SourcePolicyId ? { policy: m.SourcePolicyId } : {}),
        ...(m.SourcePolicyType ? { type: m.SourcePolicyType } : {}),
        ...(m.StartPosition ? { line: m.StartPosition.Line, column: m.StartPosition.Column } : {}),
      })),
      missingContext: r.MissingContextValues,
    }));
    return { principal, results };
  } finally {
    await client.close();
  }
}

async function withPolicyFiles(ctx: CommandContext, args: CanArgs): Promise<CanResult[]> {
  const policies: Policy[] = [];
  for (const file of args.policyFiles) {
    const path = resolve(ctx.cwd, file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new InvalidOptionError('--policy-file', `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    policies.push(parsePolicy(text, { kind: 'identity', id: file }));
  }
  const context: Record<string, ContextInput> = {};
  for (const [key, values] of args.context) context[key] = values.length === 1 ? values[0]! : values;
  return args.resources.map((resource): CanResult => {
    const e = evaluate({ principal: {}, action: args.action, resource, context }, { identity: policies });
    return {
      action: e.action,
      resource: e.resource,
      decision: e.decision,
      decisive: e.decisive.map((s) => ({ policy: s.policyId, index: s.index, ...(s.sid ? { sid: s.sid } : {}) })),
      missingContext: e.missingContextKeys,
    };
  });
}

const LABEL: Readonly<Record<CanResult['decision'], string>> = { allowed: 'allowed', explicitDeny: 'explicitly denied', implicitDeny: 'implicitly denied' };

function describeStatement(s: Readonly<Record<string, string | number>>): string {
  const where = s['sid'] !== undefined ? `Sid ${s['sid']}` : s['index'] !== undefined ? `statement ${s['index']}` : s['line'] !== undefined ? `line ${s['line']} column ${s['column']}` : '';
  return [s['policy'], s['type'] ? `(${s['type']})` : '', where].filter(Boolean).join(' ');
}

function text(principal: string | null, results: readonly CanResult[]): string {
  const lines = principal ? [`as ${principal}`] : [];
  for (const r of results) {
    lines.push(`${LABEL[r.decision]}: ${r.action} on ${r.resource}`);
    for (const s of r.decisive) lines.push(`  decided by ${describeStatement(s)}`);
    if (r.decision === 'implicitDeny' && r.decisive.length === 0) lines.push('  no statement allows it');
    if (r.missingContext.length > 0) lines.push(`  missing context: ${r.missingContext.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `rolecall can`: may the current credentials (or the given policy files) do
 * ACTION on each RESOURCE? Exit 0 when all are allowed, 3 when any is
 * denied, 2 when it could not decide.
 * @public
 */
export const can: Command = async (ctx) => {
  let args: CanArgs | 'help';
  try {
    args = parseCanArgs(ctx.argv);
  } catch (error) {
    ctx.stderr.write(`rolecall can: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 64;
  }
  if (args === 'help') {
    ctx.stdout.write(USAGE);
    return 0;
  }
  let principal: string | null = null;
  let results: CanResult[];
  try {
    if (args.policyFiles.length > 0) results = await withPolicyFiles(ctx, args);
    else ({ principal, results } = await withSimulator(ctx, args));
  } catch (error) {
    const message = MalformedPolicyError.is(error) ? `${error.message} (MalformedPolicyDocument)` : error instanceof Error ? error.message : String(error);
    if (args.json) ctx.stdout.write(`${JSON.stringify({ error: message }, null, 2)}\n`);
    ctx.stderr.write(`rolecall can: could not decide: ${message}\n`);
    return 2;
  }
  const allowed = results.every((r) => r.decision === 'allowed');
  if (args.json) {
    ctx.stdout.write(`${JSON.stringify({ principal, source: args.policyFiles.length > 0 ? 'policy-file' : 'simulator', allowed, results }, null, 2)}\n`);
  } else {
    ctx.stdout.write(text(principal, results));
  }
  return allowed ? 0 : 3;
};
