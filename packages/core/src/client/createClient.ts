import { defaultCredentials } from '../credentials/defaultCredentials.js';
import { toCredentialsProvider } from '../credentials/toCredentialsProvider.js';
import { createSignedClient, type AwsClient, type ClientOptions } from '../http/createSignedClient.js';

/**
 * Creates a client that resolves its region and endpoints lazily, signs with
 * SigV4 (aws4), sends over undici (or node:http, see `transport`) and retries
 * through a retry strategy, re-signing every attempt with a fresh date.
 *
 * The composition root (docs/decisions/0100): the only module that knows both
 * the signed client (`http/`) and the credential providers (`credentials/`).
 * It turns `credentials` into a provider, or wires the default chain with this
 * client's env, profile, clock, dispatcher, fs and home directory.
 *
 * @example
 * ```ts
 * const client = createClient(); // default credential chain, region from env/profile or us-east-1
 * const me = await getCallerIdentity(client);
 * await client.close();
 * ```
 * @public
 */
export function createClient(options: ClientOptions = {}): AwsClient {
  const credentials =
    options.credentials === undefined
      ? defaultCredentials({
          env: options.env ?? process.env,
          ...(options.fs === undefined ? {} : { fs: options.fs }),
          ...(options.homeDir === undefined ? {} : { homeDir: options.homeDir }),
          ...(options.clock === undefined ? {} : { clock: options.clock }),
          ...(options.profile === undefined ? {} : { profile: options.profile }),
          ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
          ...(options.random === undefined ? {} : { random: options.random }),
        })
      : toCredentialsProvider(options.credentials);
  return createSignedClient({ ...options, credentials });
}
