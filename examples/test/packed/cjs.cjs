// The same through require(): the packages are ES modules that Node >= 22.12
// loads synchronously, reached through their `default` export condition.
const { createClient, getCallerIdentity, fromStatic } = require('@rolecall/core');
const { defaultCredentials } = require('@rolecall/core/credentials');
const { createMockAws, mockDispatcher } = require('@rolecall/mock-aws');
const { validateScenario } = require('@rolecall/load-harness');
const { COMMAND_NAMES } = require('@rolecall/cli');

async function main() {
  const mock = createMockAws({}, { clockMode: 'real' });
  const [alice] = mock.config.users;
  if (alice === undefined) throw new Error('the mock has no user');
  const client = createClient({ dispatcher: mockDispatcher(mock), region: 'us-east-1', env: {}, credentials: fromStatic(alice) });
  const me = await getCallerIdentity(client);
  await client.close();
  console.log(JSON.stringify({ Arn: me.Arn, entries: [typeof defaultCredentials, typeof validateScenario, COMMAND_NAMES.length > 0] }));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
