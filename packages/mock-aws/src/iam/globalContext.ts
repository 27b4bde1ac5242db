import { isIP } from 'node:net';
import type { Identity } from '../domain/KeyStore.js';
import type { ResolvedMockConfig } from '../domain/MockConfig.js';

const PRINCIPAL_TYPE: Readonly<Record<string, string>> = {
  user: 'User',
  session: 'User',
  'instance-role': 'AssumedRole',
  'container-role': 'AssumedRole',
  'assumed-role': 'AssumedRole',
  'web-identity': 'AssumedRole',
};

/** Where a request comes from and when, as the policy engine's global keys need it. @public */
export interface RequestOrigin {
  /** Epoch ms on the mock's clock. */
  readonly nowMs: number;
  /** The caller's address when the front knows it as an IP (not a client name). */
  readonly sourceIp: string | undefined;
}

/**
 * The global condition keys the mock knows for a caller: time, source address,
 * transport (plain HTTP on loopback), who the principal is, and for
 * temporary credentials when they were issued; `ec2:SourceInstanceARN` for
 * the instance role's sessions.
 * @public
 */
export function globalContext(identity: Identity, principalArn: string, config: ResolvedMockConfig, origin: RequestOrigin): Record<string, string> {
  const context: Record<string, string> = {
    'aws:CurrentTime': new Date(origin.nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(origin.nowMs / 1000)),
    'aws:SecureTransport': 'false',
    'aws:ViaAWSService': 'false',
    'aws:PrincipalArn': principalArn,
    'aws:PrincipalAccount': identity.account,
    'aws:PrincipalType': PRINCIPAL_TYPE[identity.kind] ?? 'User',
    'aws:userid': identity.userId,
  };
  if (origin.sourceIp !== undefined && isIP(origin.sourceIp) !== 0) context['aws:SourceIp'] = origin.sourceIp;
  if (identity.kind === 'user' || identity.kind === 'session') {
    const name = /:user\/(?:.*\/)?([^/]+)$/.exec(identity.arn)?.[1];
    if (name !== undefined) context['aws:username'] = name;
  }
  if (identity.issuedAtMs !== undefined) context['aws:TokenIssueTime'] = new Date(identity.issuedAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (identity.kind === 'instance-role') {
    context['ec2:SourceInstanceARN'] = `arn:aws:ec2:${config.instance.region}:${config.account}:instance/${config.instance.instanceId}`;
  }
  return context;
}
