import type { ResolvedMockConfig } from '../domain/MockConfig.js';
import { imdsJson, isoSeconds, stableId } from '../domain/format.js';
import type { Generation } from '../domain/createCredentialSeries.js';

/** Which credential series a read is answered from: IMDSv1 and IMDSv2 callers get different sets. @internal */
export type Caller = 'v1' | 'v2';

/** What a leaf needs at read time. @internal */
export interface ReadContext {
  readonly caller: Caller;
  /** The published generation of the instance role for this caller. */
  readonly roleCredentials: (caller: Caller) => Generation;
  /** The published generation of the EC2 instance identity credentials. */
  readonly identityCredentials: () => Generation;
}

/** A value as a leaf answers it. @internal */
export interface LeafValue {
  readonly body: string;
  readonly contentType?: string;
  /** Journal action name; `metadata` when absent. */
  readonly action?: string;
  /** The key served, for the journal (masked there). */
  readonly accessKeyId?: string;
}

/** @internal */
export type MetadataNode =
  | { readonly kind: 'dir'; readonly children: ReadonlyMap<string, MetadataNode> }
  | { readonly kind: 'leaf'; readonly read: (ctx: ReadContext) => LeafValue };

type Spec = string | ((ctx: ReadContext) => LeafValue) | { readonly [name: string]: Spec | undefined };

function build(spec: Spec): MetadataNode {
  if (typeof spec === 'string') {
    // One value object per leaf: the IMDS service caches answers by it.
    const value: LeafValue = { body: spec };
    return { kind: 'leaf', read: () => value };
  }
  if (typeof spec === 'function') return { kind: 'leaf', read: spec };
  const children = new Map<string, MetadataNode>();
  // Listings come out sorted, as EC2's do.
  const names = Object.keys(spec).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const child = spec[name];
    if (child !== undefined) children.set(name, build(child));
  }
  return { kind: 'dir', children };
}

/** A leaf that always answers the same value object (the IMDS service caches answers by it). */
function constant(value: LeafValue): (ctx: ReadContext) => LeafValue {
  return () => value;
}

/** `us-east-1a` → `use1-az1`, the shape of real zone ids. */
function zoneId(region: string, zone: string): string {
  const parts = region.split('-');
  const letter = zone.slice(region.length) || 'a';
  return `${parts[0] ?? ''}${parts.slice(1, -1).map((p) => p[0]).join('')}${parts.at(-1) ?? ''}-az${letter.charCodeAt(0) - 96}`;
}

/** Bodies by generation: a generation's answer never changes, so it is printed once (and its value object kept). */
const printed = new WeakMap<Generation, LeafValue>();

function credentialsBody(generation: Generation, action: string): LeafValue {
  const cached = printed.get(generation);
  if (cached !== undefined) return cached;
  const { key } = generation;
  const value: LeafValue = {
    body: imdsJson({
      Code: 'Success',
      LastUpdated: isoSeconds(generation.issuedAtMs),
      Type: 'AWS-HMAC',
      AccessKeyId: key.accessKeyId,
      SecretAccessKey: key.secretAccessKey,
      Token: key.sessionToken,
      Expiration: isoSeconds(generation.expiresAtMs),
    }),
    action,
    accessKeyId: key.accessKeyId,
  };
  printed.set(generation, value);
  return value;
}

/**
 * The `/latest/meta-data/` tree of the configured instance (docs/reference/imds-sts-wire.md §1.5,
 * §1.8). Items that the instance does not have (public IP, role, spot
 * action, tags when tags in metadata are off) are simply absent and so
 * answer 404, as on EC2.
 * @internal
 */
export function buildMetadataTree(config: ResolvedMockConfig, startMs: number): MetadataNode {
  const { instance, account } = config;
  const suffix = instance.instanceId.slice(2, 19).padEnd(17, '0');
  const role = instance.role;
  const publicHostname =
    instance.publicIpv4 === '' ? undefined : `ec2-${instance.publicIpv4.replaceAll('.', '-')}.${instance.region === 'us-east-1' ? 'compute-1' : `${instance.region}.compute`}.amazonaws.com`;
  const macSpec: Spec = {
    'device-number': '0',
    'interface-id': `eni-${suffix}`,
    // EC2 lists the public address an interface holds, mapped to the private one behind it.
    'ipv4-associations': instance.publicIpv4 === '' ? undefined : { [instance.publicIpv4]: instance.localIpv4 },
    'local-hostname': instance.hostname,
    'local-ipv4s': instance.localIpv4,
    mac: instance.mac,
    'owner-id': account,
    'public-hostname': publicHostname,
    'public-ipv4s': instance.publicIpv4 === '' ? undefined : instance.publicIpv4,
    'security-group-ids': `sg-${suffix}`,
    'security-groups': 'default',
    'subnet-id': `subnet-${suffix}`,
    'subnet-ipv4-cidr-block': instance.subnetIpv4CidrBlock,
    'vpc-id': `vpc-${suffix}`,
    'vpc-ipv4-cidr-block': instance.vpcIpv4CidrBlocks[0],
    'vpc-ipv4-cidr-blocks': instance.vpcIpv4CidrBlocks.join('\n'),
  };
  const metaData: Spec = {
    'ami-id': instance.amiId,
    'ami-launch-index': '0',
    'ami-manifest-path': '(unknown)',
    'block-device-mapping': { ami: '/dev/xvda', root: '/dev/xvda' },
    events: {
      maintenance: {
        history: '[]',
        scheduled: instance.scheduledEvents.length === 0 ? '[]' : imdsJson(instance.scheduledEvents),
      },
    },
    hostname: instance.hostname,
    iam:
      role === null
        ? undefined
        : {
            info: imdsJson({
              Code: 'Success',
              LastUpdated: isoSeconds(startMs),
              InstanceProfileArn: `arn:aws:iam::${account}:instance-profile/${role}`,
              InstanceProfileId: stableId('AIPA', `${account}:${role}`),
            }),
            'security-credentials': {
              [role]: (ctx) => credentialsBody(ctx.roleCredentials(ctx.caller), 'credentials'),
            },
          },
    'identity-credentials': {
      ec2: {
        info: imdsJson({ Code: 'Success', LastUpdated: isoSeconds(startMs), AccountId: account }),
        'security-credentials': {
          'ec2-instance': (ctx) => credentialsBody(ctx.identityCredentials(), 'identity-credentials'),
        },
      },
    },
    'instance-action': 'none',
    'instance-id': instance.instanceId,
    'instance-life-cycle': instance.spotAction === null ? 'on-demand' : 'spot',
    'instance-type': instance.instanceType,
    'local-hostname': instance.hostname,
    'local-ipv4': instance.localIpv4,
    mac: instance.mac,
    network: { interfaces: { macs: { [instance.mac]: macSpec } } },
    placement: {
      'availability-zone': instance.availabilityZone,
      'availability-zone-id': zoneId(instance.region, instance.availabilityZone),
      region: instance.region,
    },
    profile: 'default-hvm',
    'public-hostname': publicHostname,
    'public-ipv4': instance.publicIpv4 === '' ? undefined : instance.publicIpv4,
    'reservation-id': `r-${suffix}`,
    'security-groups': 'default',
    services: { domain: 'amazonaws.com', partition: 'aws' },
    spot:
      instance.spotAction === null
        ? undefined
        : {
            'instance-action': JSON.stringify({ action: instance.spotAction.action, time: isoSeconds(Date.parse(instance.spotAction.time)) }),
            'termination-time': isoSeconds(Date.parse(instance.spotAction.time)),
          },
    tags: instance.tags === null ? undefined : { instance: { ...instance.tags } },
  };
  const document = imdsJson({
    accountId: account,
    architecture: 'x86_64',
    availabilityZone: instance.availabilityZone,
    billingProducts: null,
    devpayProductCodes: null,
    marketplaceProductCodes: null,
    imageId: instance.amiId,
    instanceId: instance.instanceId,
    instanceType: instance.instanceType,
    kernelId: null,
    pendingTime: isoSeconds(startMs),
    privateIp: instance.localIpv4,
    ramdiskId: null,
    region: instance.region,
    version: '2017-09-30',
  });
  // Not a real signature: the mock has no AWS signing key; the shape is what clients parse.
  const fakeSignature = Buffer.from(`rolecall-mock-signature:${instance.instanceId}`).toString('base64');
  const dynamic: Spec = {
    'instance-identity': {
      document: constant({ body: document, action: 'dynamic' }),
      dsa2048: fakeSignature,
      pkcs7: fakeSignature,
      rsa2048: fakeSignature,
      signature: fakeSignature,
    },
  };
  return build({
    'meta-data': metaData,
    dynamic,
    'user-data': instance.userData === null ? undefined : constant({ body: instance.userData, contentType: 'application/octet-stream', action: 'user-data' }),
  });
}

/** Finds the node at `segments` below `root` (empty segments are ignored, as a trailing slash). @internal */
export function findNode(root: MetadataNode, segments: readonly string[]): MetadataNode | undefined {
  let node: MetadataNode | undefined = root;
  for (const segment of segments) {
    if (node === undefined || node.kind !== 'dir') return undefined;
    node = node.children.get(segment);
  }
  return node;
}

/**
 * A directory listing: one entry per line, sub-directories with a trailing
 * `/`, no newline after the last entry. The version level (`/latest/`)
 * lists its entries without slashes, as EC2 does.
 * @internal
 */
export function listing(node: MetadataNode & { kind: 'dir' }, versionLevel: boolean): string {
  return [...node.children]
    .map(([name, child]) => (child.kind === 'dir' && !versionLevel ? `${name}/` : name))
    .join('\n');
}
