// Credentials only, without the HTTP client: the default chain from its own
// entry point (it loads each provider's code only when the chain reaches it).
// Prints where the credentials came from and the access key masked to its
// last four characters, never the secret. Exit 0 resolved, 2 not.
import { defaultCredentials, maskAccessKeyId, CredentialsProviderError } from '@rolecall/core/credentials';

const credentials = defaultCredentials();      // memoized, single-flight, refreshed before expiry with jitter
try {
  const { source, accessKeyId, expiration } = await credentials();
  console.log(`credentials from ${source}: ${maskAccessKeyId(accessKeyId)}, expires ${expiration?.toISOString() ?? 'never'}`);
} catch (error) {
  // The message names the provider that was meant to answer, why it failed and every provider tried.
  console.error(`${error}`);
  process.exitCode = error instanceof CredentialsProviderError ? 2 : 1;
}
