import type { AwsCredentialIdentity } from '@smithy/types';

/** The instance role's credentials from the mock's IMDSv2 on `url`, as an EC2 workload gets them. */
export async function instanceCredentials(url: string, role = 'rolecall-app-role'): Promise<AwsCredentialIdentity> {
  const token = await (await fetch(`${url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })).text();
  const body = (await (await fetch(`${url}/latest/meta-data/iam/security-credentials/${role}`, { headers: { 'x-aws-ec2-metadata-token': token } })).json()) as Record<string, string>;
  return { accessKeyId: body['AccessKeyId']!, secretAccessKey: body['SecretAccessKey']!, sessionToken: body['Token']! };
}

/** The error a promise rejects with; throws when it resolves. */
export async function rejection(p: Promise<unknown>): Promise<{ name: string; message: string; $metadata?: { httpStatusCode?: number } }> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => e,
  );
}
