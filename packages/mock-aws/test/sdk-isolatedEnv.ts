import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createMockAws, startMockServer } from '../src/index.js';
import type { MockAws, MockServer } from '../src/index.js';

/**
 * For tests that run official tools in a child process: a loopback mock on a
 * real-time clock and an environment for the CHILD that points only at it
 * (HOME and the AWS config and credentials files are empty temporaries).
 * The test process's own env is only read, never written.
 */
export interface IsolatedAws {
  readonly mock: MockAws;
  readonly server: MockServer;
  /** The child's environment, plus `extra`. */
  env(extra?: Record<string, string>): Record<string, string>;
}

/** Registers the beforeAll/beforeEach/afterAll hooks and returns live getters. */
export function useIsolatedAws(): IsolatedAws {
  let mock: MockAws | undefined;
  let server: MockServer | undefined;
  let home = '';
  beforeAll(async () => {
    mock = createMockAws({}, { clockMode: 'real' });
    server = await startMockServer(mock, { port: 0 });
    home = await mkdtemp(join(tmpdir(), 'rolecall-isolated-aws-'));
    await writeFile(join(home, 'config'), '');
    await writeFile(join(home, 'credentials'), '');
  });
  beforeEach(() => mock?.reset());
  afterAll(async () => {
    await server?.close();
    await rm(home, { recursive: true, force: true });
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useIsolatedAws: used before beforeAll ran');
    return value;
  };
  return {
    get mock() {
      return ready(mock);
    },
    get server() {
      return ready(server);
    },
    env(extra = {}) {
      const { url, exports } = ready(server);
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        HOME: home,
        AWS_CONFIG_FILE: join(home, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
        AWS_REGION: 'us-east-1',
        // AWS CLI v1 reads only AWS_DEFAULT_REGION.
        AWS_DEFAULT_REGION: 'us-east-1',
        // What `rolecall mock` prints (with its trailing slash), so the tools are tried with the printed exports.
        AWS_EC2_METADATA_SERVICE_ENDPOINT: exports.AWS_EC2_METADATA_SERVICE_ENDPOINT!,
        AWS_ENDPOINT_URL_STS: url,
        ...extra,
      };
      // The pyenv shim that may front `aws` needs to find its root.
      if (process.env.PYENV_ROOT !== undefined) env.PYENV_ROOT = process.env.PYENV_ROOT;
      return env;
    },
  };
}
