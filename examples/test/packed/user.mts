// A strict NodeNext TypeScript user of the installed packages (ESM side).
import { createClient, getCallerIdentity, retry, type Credentials, type GetCallerIdentityOutput } from '@rolecall/core';
import { defaultCredentials, type MemoizedProvider } from '@rolecall/core/credentials';
import { createMockAws, mockDispatcher, type MockAws } from '@rolecall/mock-aws';
import { runLoad, validateScenario, type LoadRun, type Scenario } from '@rolecall/load-harness';
import { COMMAND_NAMES } from '@rolecall/cli';

const mock: MockAws = createMockAws();
const client = createClient({ dispatcher: mockDispatcher(mock), region: 'us-east-1' });
const me: GetCallerIdentityOutput = await getCallerIdentity(client);
const attempts: number = me.$metadata.attempts;
const provider: MemoizedProvider = defaultCredentials({ env: {} });
const credentials: Credentials = await provider();
const one: number = await retry(async () => 1, { totalTimeMs: 1000 });
const scenario: Scenario = validateScenario({ name: 'typed' });
const run: Promise<LoadRun> = runLoad({ scenario, mode: 'sim' });
// The types are real, not `any`: a wrong option is an error.
// @ts-expect-error region is a string
createClient({ region: 1 });
console.log(attempts, credentials.source, one, run, COMMAND_NAMES);
