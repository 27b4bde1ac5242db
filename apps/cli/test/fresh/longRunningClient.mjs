// A long-running program as a user writes it: one client with the default
// credential chain, region and transport, taking its configuration from the
// environment. It calls STS GetCallerIdentity each time a line `call` arrives
// on stdin and prints one JSON line per call; `quit` closes the client and
// the process ends on its own (stdin's open handle is what keeps it alive in
// between, not a timer). Run by test/library-fresh-process.test.ts.
import { createInterface } from 'node:readline';
import { createClient, getCallerIdentity } from '@rolecall/core';

const client = createClient();
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line === 'quit') break;
  try {
    const me = await getCallerIdentity(client);
    console.log(JSON.stringify({ ok: true, arn: me.Arn, attempts: me.$metadata.attempts }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, code: error?.code, awsCode: error?.awsCode, message: String(error?.message) }));
  }
}
lines.close();
await client.close();
