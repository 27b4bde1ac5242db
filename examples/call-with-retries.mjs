// A call with retries: the default credential chain, the region as resolved
// (and where it came from) and the default retry strategy, the way
// `rolecall whoami` uses them. Run it against `rolecall mock` with its export
// lines in the environment. Prints one JSON line; exit 0 on success, 2 when no
// credentials were found, 1 when STS refused or could not be reached.
import { createClient, getCallerIdentity, CredentialsProviderError } from '@rolecall/core';

const client = createClient();                 // default chain, resolved region, default retry strategy
try {
  const me = await getCallerIdentity(client);  // me.$metadata: { attempts, totalRetryDelayMs, requestId, ... }
  const region = await client.region();        // { value, source, trace }
  const { attempts, totalRetryDelayMs } = me.$metadata;
  console.log(JSON.stringify({ Arn: me.Arn, attempts, totalRetryDelayMs, region: region.value, regionSource: region.source }));
} catch (error) {
  console.error(`GetCallerIdentity failed: ${error}`);
  process.exitCode = error instanceof CredentialsProviderError ? 2 : 1; // 2: no credentials; 1: STS refused or unreachable
} finally {
  await client.close();
}
