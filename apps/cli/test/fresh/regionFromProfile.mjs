// A program that configures nothing in code: the region comes from the
// environment or the shared config files, as with the AWS SDKs and CLI.
// Prints the region, its source and who STS says we are, then exits.
// Run by test/library-fresh-process.test.ts.
import { createClient, getCallerIdentity } from '@rolecall/core';

const client = createClient();
try {
  const region = await client.region();
  const me = await getCallerIdentity(client);
  console.log(JSON.stringify({ region: region.value, source: region.source, arn: me.Arn }));
} finally {
  await client.close();
}
