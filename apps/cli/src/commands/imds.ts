import { createImdsClient, ImdsError, InvalidOptionError } from '@rolecall/core';
import type { ReadFileFs } from '@rolecall/core';
import type { Dispatcher } from 'undici';
import type { Command } from '../CommandContext.js';

const { parseArgs } = process.getBuiltinModule('node:util');

const USAGE = `usage: rolecall imds get PATH [--endpoint URL] [--timeout-ms N]

Reads one instance metadata item through rolecall's IMDS client (IMDSv2 token,
v1 fallback only where allowed), e.g.
  rolecall imds get meta-data/instance-id
  rolecall imds get user-data
  rolecall imds get dynamic/instance-identity/document
The endpoint follows AWS_EC2_METADATA_SERVICE_ENDPOINT(_MODE) unless --endpoint is given.

exit codes: 0 printed, 1 IMDS failed, 2 no such item (404), 64 bad usage
`;

/**
 * `rolecall imds get PATH`: prints the body of one metadata item.
 * @public
 */
export const imds: Command = async (ctx) => {
  let values: { endpoint?: string | undefined; 'timeout-ms'?: string | undefined; help?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...ctx.argv],
      options: { endpoint: { type: 'string' }, 'timeout-ms': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    ctx.stderr.write(`rolecall imds: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 64;
  }
  if (values.help === true) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const [verb, path, ...extra] = positionals;
  if (verb !== 'get' || path === undefined || extra.length > 0) {
    ctx.stderr.write(`rolecall imds: expected \`get PATH\`\n\n${USAGE}`);
    return 64;
  }
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    ctx.stderr.write(`rolecall imds: --timeout-ms must be a positive number of milliseconds\n`);
    return 64;
  }
  const o = ctx.overrides ?? {};
  const client = createImdsClient({
    env: ctx.env,
    ...(values.endpoint === undefined ? {} : { endpoint: values.endpoint }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(o['dispatcher'] === undefined ? {} : { dispatcher: o['dispatcher'] as Dispatcher }),
    ...(typeof o['homeDir'] === 'string' ? { homeDir: o['homeDir'] } : {}),
    ...(o['fs'] === undefined ? {} : { fs: o['fs'] as ReadFileFs }),
    logger: { warn: (m) => void ctx.stderr.write(`rolecall imds: ${m}\n`) },
  });
  try {
    const body = await client.get(path);
    ctx.stdout.write(body.endsWith('\n') ? body : `${body}\n`);
    return 0;
  } catch (error) {
    ctx.stderr.write(`rolecall imds: ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof ImdsError && error.statusCode === 404) return 2;
    if (error instanceof InvalidOptionError) return 64;
    return 1;
  }
};
