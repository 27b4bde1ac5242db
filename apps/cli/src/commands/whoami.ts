import {
  CredentialsProviderError,
  InvalidOptionError,
  InvalidRegionError,
  createClient,
  defaultCredentials,
  getCallerIdentity,
  maskAccessKeyId,
} from '@rolecall/core';
import type { CredentialsProvider } from '@rolecall/core';
import type { Command, CommandContext } from '../CommandContext.js';
import { commandSeams } from './commandSeams.js';

const { parseArgs } = process.getBuiltinModule('node:util');

const USAGE = `usage: rolecall whoami [--profile P] [--region R] [--json]

Resolves credentials, calls STS GetCallerIdentity and prints who you are,
where the credentials came from and which region (and why) was used. The STS
endpoint follows AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL like the AWS tools.

options:
  --profile P   profile for credentials and region (default AWS_PROFILE, then "default")
  --region R    region (default AWS_REGION, AWS_DEFAULT_REGION, the profile, then us-east-1)
  --json        {"Account","Arn","UserId","credentialSource","region","regionSource"}
  --help        this text

exit codes: 0 ok, 1 STS refused or could not be reached, 2 no credentials, 64 bad usage
`;

interface WhoamiArgs {
  readonly profile: string | undefined;
  readonly region: string | undefined;
  readonly json: boolean;
  readonly help: boolean;
}

function parseWhoamiArgs(argv: readonly string[]): WhoamiArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: { profile: { type: 'string' }, region: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  return { profile: values.profile, region: values.region, json: values.json === true, help: values.help === true };
}

/** Where whoami's credentials come from: the default chain, with the command's seams. */
function credentialsFor(ctx: CommandContext, profile: string | undefined): CredentialsProvider {
  return defaultCredentials({ env: ctx.env, ...commandSeams(ctx), ...(profile === undefined ? {} : { profile }) });
}


function exitCodeOf(error: unknown): number {
  if (error instanceof CredentialsProviderError) return 2;
  if (error instanceof InvalidRegionError || error instanceof InvalidOptionError) return 64;
  return 1;
}

function table(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n';
}

/**
 * `rolecall whoami`: credentials → region → STS GetCallerIdentity, printed as
 * a table or as the JSON contract of docs/contracts.md.
 * @public
 */
export const whoami: Command = async (ctx) => {
  let args: WhoamiArgs;
  try {
    args = parseWhoamiArgs(ctx.argv);
  } catch (error) {
    ctx.stderr.write(`rolecall whoami: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 64;
  }
  if (args.help) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const { dispatcher, homeDir, fs } = commandSeams(ctx);
  // One call, then exit: the runtime's node:http loads in a few ms where
  // undici's pool takes tens (decision 0056). An injected Dispatcher (the
  // mock in-process, in tests) keeps undici.
  let client: ReturnType<typeof createClient> | undefined;
  try {
    // The memoized chain itself, so an ExpiredToken answer can refresh it (decision 0084).
    const provider = credentialsFor(ctx, args.profile);
    const credentials = await provider();
    client = createClient({
      env: ctx.env,
      credentials: provider,
      region: args.region,
      ...(dispatcher === undefined ? { transport: 'node:http' as const } : { dispatcher }),
      profile: args.profile,
      ...(homeDir === undefined ? {} : { homeDir }),
      ...(fs === undefined ? {} : { fs }),
    });
    const [identity, region] = await Promise.all([getCallerIdentity(client), client.region()]);
    const credentialSource = credentials.source ?? 'static';
    if (args.json) {
      const out = { Account: identity.Account, Arn: identity.Arn, UserId: identity.UserId, credentialSource, region: region.value, regionSource: region.source };
      ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      ctx.stdout.write(
        table([
          ['Account', identity.Account],
          ['Arn', identity.Arn],
          ['UserId', identity.UserId],
          ['Credentials', `${credentialSource} (${maskAccessKeyId(credentials.accessKeyId)})`],
          ['Region', `${region.value} (${region.source})`],
        ]),
      );
    }
    return 0;
  } catch (error) {
    ctx.stderr.write(`rolecall whoami: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodeOf(error);
  } finally {
    await client?.close();
  }
};
