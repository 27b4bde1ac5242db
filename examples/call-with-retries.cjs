// The same call from CommonJS: `require('@rolecall/core')` loads the package's
// ES module (Node >= 22.12 requires ES modules synchronously). Prints one JSON
// line; exit 0 on success, 2 when no credentials were found, 1 otherwise.
const { createClient, getCallerIdentity, CredentialsProviderError } = require('@rolecall/core');

async function main() {
  const client = createClient();
  try {
    const me = await getCallerIdentity(client);
    console.log(JSON.stringify({ Arn: me.Arn, attempts: me.$metadata.attempts, totalRetryDelayMs: me.$metadata.totalRetryDelayMs }));
  } catch (error) {
    console.error(`GetCallerIdentity failed: ${error}`);
    process.exitCode = error instanceof CredentialsProviderError ? 2 : 1;
  } finally {
    await client.close();
  }
}

main();
