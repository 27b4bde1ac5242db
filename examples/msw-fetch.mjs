// The fake AWS behind MSW: code that uses fetch (or node:http) against the
// real IMDS address is answered in-process, and nothing else gets through
// (`onUnhandledRequest: 'error'`). Prints the instance's role credentials
// (access key masked) before and after the mock's clock moves 6 hours.
import { setupServer } from 'msw/node';
import { createMockAws, handlers } from '@rolecall/mock-aws';

const mock = createMockAws();                      // virtual clock, default instance and role
const server = setupServer(...handlers(mock));
server.listen({ onUnhandledRequest: 'error' });

const IMDS = 'http://169.254.169.254';

async function roleCredentials() {
  const token = await (await fetch(`${IMDS}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' } })).text();
  const headers = { 'x-aws-ec2-metadata-token': token };
  const role = await (await fetch(`${IMDS}/latest/meta-data/iam/security-credentials/`, { headers })).text();
  const answer = await fetch(`${IMDS}/latest/meta-data/iam/security-credentials/${role}`, { headers });
  const credentials = /** @type {{ AccessKeyId: string, Expiration: string }} */ (await answer.json());
  return { role, ...credentials };
}

try {
  const before = await roleCredentials();
  mock.clock.advance(6 * 3600_000);                 // the next credential generation
  const after = await roleCredentials();
  for (const c of [before, after]) console.log(`${c.role}: ****${c.AccessKeyId.slice(-4)} until ${c.Expiration}`);
  if (before.AccessKeyId === after.AccessKeyId) {
    console.error('the credentials did not rotate');
    process.exitCode = 1;
  }
} finally {
  server.close();
}
