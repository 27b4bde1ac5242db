// Loaded from the installed tarballs by `import`: every entry point, and one
// signed call through the mock's in-process dispatcher (no socket).
import { createClient, getCallerIdentity, fromStatic } from '@rolecall/core';
import { defaultCredentials } from '@rolecall/core/credentials';
import { createMockAws, mockDispatcher } from '@rolecall/mock-aws';
import { validateScenario } from '@rolecall/load-harness';
import { COMMAND_NAMES } from '@rolecall/cli';

const mock = createMockAws({}, { clockMode: 'real' });
const [alice] = mock.config.users;
if (alice === undefined) throw new Error('the mock has no user');
const client = createClient({ dispatcher: mockDispatcher(mock), region: 'us-east-1', env: {}, credentials: fromStatic(alice) });
const me = await getCallerIdentity(client);
await client.close();
console.log(JSON.stringify({ Arn: me.Arn, entries: [typeof defaultCredentials, typeof validateScenario, COMMAND_NAMES.length > 0] }));
