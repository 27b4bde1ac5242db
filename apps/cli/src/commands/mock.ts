import { MAX_JSON_DEPTH, NonLoopbackHostError, PortInUseError, createMockAws, parseJsonBounded, startMockServer } from '@rolecall/mock-aws';
import type { MockAws, MockConfig } from '@rolecall/mock-aws';
import type { Command, CommandContext } from '../CommandContext.js';

const { constants } = process.getBuiltinModule('node:fs');
const { open } = process.getBuiltinModule('node:fs/promises');
const { resolve } = process.getBuiltinModule('node:path');
const { parseArgs } = process.getBuiltinModule('node:util');

const USAGE = `usage: rolecall mock [--port 1338] [--host 127.0.0.1] [--config FILE] [--allow-non-loopback]

Serves the fake AWS (IMDS v1/v2, STS, container credentials and the /_mock/
control API) on one port until interrupted. The first line printed is
"listening http://HOST:PORT", then the export lines that point the AWS CLI
and SDKs at it, e.g.  eval "$(rolecall mock | tail -n +2)" in another shell.

options:
  --port N       TCP port (default 1338; 0 picks a free one)
  --host H       interface to bind (default 127.0.0.1, loopback only)
  --config FILE  JSON mock configuration (instance, roles, users, throttles, faults)
  --allow-non-loopback
                 let --host name an address other machines reach (0.0.0.0, ::,
                 a LAN address); the control API then needs the printed
                 ROLECALL_MOCK_TOKEN as "Authorization: Bearer TOKEN"
  --help         this text

exit codes: 0 stopped cleanly, 1 the port is taken or the server failed, 64 bad usage or config
`;

const DEFAULT_PORT = 1338;
/** A config file is a few KiB; anything near this is a mistake (a wrong path, a device). */
const MAX_CONFIG_BYTES = 1024 * 1024;
const DEFAULT_HOST = '127.0.0.1';

/**
 * `rolecall mock`: builds the mock from an optional JSON config (on a virtual
 * clock that follows real time), serves it on loopback, prints where, and
 * runs until `ctx.signal` aborts (or, from the binary, SIGINT/SIGTERM).
 * @public
 */
export const mock: Command = async (ctx) => {
  let args: MockArgs;
  try {
    args = parseMockArgs(ctx.argv);
  } catch (error) {
    ctx.stderr.write(`rolecall mock: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 64;
  }
  if (args.help) {
    ctx.stdout.write(USAGE);
    return 0;
  }

  let aws: MockAws;
  const file = args.config === undefined ? undefined : resolve(ctx.cwd, args.config);
  try {
    const config = file === undefined ? {} : await loadConfig(file);
    try {
      aws = createMockAws(config, { clockMode: 'real' });
    } catch (error) {
      throw new Error(`${file === undefined ? 'the default configuration' : `the config file ${file}`} was refused: ${error instanceof Error ? error.message : String(error)}`);
    }
  } catch (error) {
    ctx.stderr.write(`rolecall mock: ${error instanceof Error ? error.message : String(error)}\n`);
    return 64;
  }

  const stop = ctx.signal === undefined ? processSignal() : { signal: ctx.signal, dispose: () => undefined };
  try {
    if (stop.signal.aborted) return 0;
    let server;
    try {
      server = await startMockServer(aws, { port: args.port, host: args.host, allowNonLoopback: args.allowNonLoopback });
    } catch (error) {
      if (error instanceof NonLoopbackHostError) {
        ctx.stderr.write(`rolecall mock: --host ${args.host} is not a loopback address: the fake AWS and its control API would be reachable from the network; pass --allow-non-loopback to serve it there with a control-API token\n`);
        return 64;
      }
      if (error instanceof PortInUseError) {
        ctx.stderr.write(`rolecall mock: ${error.message}\n`);
        return 1;
      }
      const code = (error as NodeJS.ErrnoException).code;
      const hint = code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? ': --host must name an address of this machine, e.g. 127.0.0.1 or ::1'
        : code === 'EACCES' ? ': ports below 1024 need privileges; pick a higher --port' : '';
      ctx.stderr.write(`rolecall mock: cannot listen on ${args.host} port ${args.port} (${code ?? String(error)})${hint}\n`);
      return 1;
    }
    if (server.controlToken !== null) {
      ctx.stderr.write(
        `rolecall mock: WARNING: listening on ${args.host}, beyond loopback: other machines can reach the fake AWS. ` +
          'The control API (/_mock/) answers only with "Authorization: Bearer $ROLECALL_MOCK_TOKEN" (printed below).\n',
      );
    }
    ctx.stdout.write(`listening ${server.url}\n`);
    for (const [name, value] of Object.entries(server.exports)) ctx.stdout.write(`export ${name}=${shellQuote(value)}\n`);
    await new Promise<void>((done) => {
      if (stop.signal.aborted) done();
      else stop.signal.addEventListener('abort', () => done(), { once: true });
    });
    await server.close();
    return 0;
  } finally {
    stop.dispose();
  }
};

interface MockArgs {
  readonly port: number;
  readonly host: string;
  readonly config: string | undefined;
  readonly allowNonLoopback: boolean;
  readonly help: boolean;
}

function parseMockArgs(argv: CommandContext['argv']): MockArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      'allow-non-loopback': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port?.trim() === '') {
    throw new Error(`--port must be an integer from 0 to 65535, got '${values.port}'`);
  }
  const host = values.host ?? DEFAULT_HOST;
  if (host === '') throw new Error('--host must not be empty');
  return { port, host, config: values.config, allowNonLoopback: values['allow-non-loopback'] === true, help: values.help === true };
}

async function loadConfig(file: string): Promise<MockConfig> {
  let text: string;
  try {
    text = await readBounded(file, MAX_CONFIG_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read the config file ${file}: ${why}; pass --config with a JSON file, or omit it for the defaults`);
  }
  const result = parseJsonBounded(text, MAX_CONFIG_BYTES, MAX_JSON_DEPTH);
  if (!result.ok) {
    throw new Error(`the config file ${file} is not ${result.reason === 'syntax' ? 'valid' : 'usable'} JSON: ${result.message}`);
  }
  const parsed = result.value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`the config file ${file} must hold a JSON object (the mock configuration), not ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`);
  }
  return parsed as MockConfig;
}

/** A regular file of at most `maxBytes`: a device, a FIFO or a huge file is refused before it is read. */
async function readBounded(file: string, maxBytes: number): Promise<string> {
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error('it is not a regular file');
    if (stat.size > maxBytes) throw new Error(`it is ${stat.size} bytes, more than the ${maxBytes} a mock configuration may be`);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new Error(`it grew past the ${maxBytes} bytes a mock configuration may be`);
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}

/** Single-quotes a value for `eval` in a POSIX shell when it has characters a shell would read. */
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]*$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The binary passes no signal: stop on SIGINT or SIGTERM instead, and remove the listeners after. */
function processSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
