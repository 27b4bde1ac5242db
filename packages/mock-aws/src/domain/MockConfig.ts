/**
 * The mock's configuration: what `rolecall mock --config FILE` reads and what
 * `createMockAws(config)` takes. Every field has a default, so an empty object
 * gives a realistic EC2 instance with a role, a container endpoint, one IAM
 * user and a role that user may assume. `resolveConfig` fills the defaults.
 */

/** An IAM policy document as JSON (`{ "Version": "2012-10-17", "Statement": [...] }`). @public */
export type PolicyDocument = Readonly<Record<string, unknown>>;

/** @public */
export interface MockUser {
  readonly name: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Inline identity policies by name. Absent or empty: the user may do nothing that needs a permission. */
  readonly policies?: Readonly<Record<string, PolicyDocument>>;
  /** Names of `managedPolicies` attached to the user. */
  readonly attachedPolicies?: readonly string[];
  /** Permissions boundary; null or absent for none. */
  readonly boundary?: PolicyDocument | null;
}

/** @public */
export interface MockRole {
  readonly name: string;
  /**
   * Principal ARNs allowed to assume the role (`*` wildcards allowed), e.g.
   * `arn:aws:iam::123456789012:user/*`. Empty: nobody may.
   */
  readonly trust: readonly string[];
  /** The role's maximum session, 3600 to 43200 s. */
  readonly maxSessionDurationS: number;
  /** Whether AssumeRoleWithWebIdentity is allowed for this role (shorthand, used when `trustPolicy` is absent). */
  readonly webIdentity: boolean;
  /**
   * The role's trust policy. When absent, `trust` and `webIdentity` stand for
   * one (docs/decisions/0112): exact ARNs become `Principal.AWS`, globs an
   * `ArnLike` on `aws:PrincipalArn`, `*.amazonaws.com` names `Principal.Service`.
   */
  readonly trustPolicy?: PolicyDocument;
  /** Inline identity policies by name. */
  readonly policies?: Readonly<Record<string, PolicyDocument>>;
  /** Names of `managedPolicies` attached to the role. */
  readonly attachedPolicies?: readonly string[];
  /** Permissions boundary; null or absent for none. */
  readonly boundary?: PolicyDocument | null;
}

/** @public */
export interface MockInstance {
  readonly instanceId: string;
  readonly instanceType: string;
  readonly amiId: string;
  readonly hostname: string;
  readonly localIpv4: string;
  readonly publicIpv4: string;
  readonly mac: string;
  readonly region: string;
  readonly availabilityZone: string;
  /** The instance profile's role name; null for an instance without a role. */
  readonly role: string | null;
  /** `required` (IMDSv2 only, the default on current instances) or `optional`. */
  readonly httpTokens: 'required' | 'optional';
  /** `disabled` answers 403 to everything. */
  readonly httpEndpoint: 'enabled' | 'disabled';
  /** IMDS PUT response hop limit. Clients marked farther away (see `hops`) get a PUT that never answers. */
  readonly hopLimit: number;
  /** Instance tags in metadata; null when tags in metadata are not enabled. */
  readonly tags: Readonly<Record<string, string>> | null;
  /** user-data; null for none (404). */
  readonly userData: string | null;
  /** How long each credential generation lives, in seconds (real: about 6 h). */
  readonly credentialLifetimeS: number;
  /** How long before expiry the next generation is published, in seconds (at least 300). */
  readonly rotateBeforeS: number;
  /** Outage mode: keep serving the last generation after it expired. */
  readonly serveExpiredCredentials: boolean;
  /** Spot instance-action to publish, or null. */
  readonly spotAction: { readonly action: 'terminate' | 'stop' | 'hibernate'; readonly time: string } | null;
  /** Scheduled maintenance events. */
  readonly scheduledEvents: readonly Readonly<Record<string, string>>[];
  /**
   * Client name → how many network hops away it is (default 1). A client with
   * more hops than `hopLimit` never receives the token PUT's answer.
   */
  readonly hops: Readonly<Record<string, number>>;
  /** The primary interface's subnet, e.g. `10.0.1.0/24` (`network/interfaces/macs/MAC/subnet-ipv4-cidr-block`). */
  readonly subnetIpv4CidrBlock: string;
  /** The VPC's IPv4 blocks, the primary first (`vpc-ipv4-cidr-block`, `vpc-ipv4-cidr-blocks`). */
  readonly vpcIpv4CidrBlocks: readonly string[];
}

/** @public */
export interface MockContainer {
  readonly enabled: boolean;
  /** Path served on the mock's port, e.g. `/v2/credentials/rolecall-task`. */
  readonly path: string;
  /** Expected `Authorization` header; null accepts none (ECS relative-URI style). */
  readonly authorizationToken: string | null;
  readonly role: string;
  readonly credentialLifetimeS: number;
  /** The ECS agent's limits: 10 rps with a burst of 15. */
  readonly rps: number;
  readonly burst: number;
}

/** A token bucket; `per: 'client'` gives each client its own. @public */
export interface ThrottleSpec {
  readonly rps: number;
  readonly burst: number;
  readonly per: 'client' | 'service';
  /** Capacity a rejected request still costs (0 by default); > 0 makes retry storms show. */
  readonly rejectCost?: number;
}

/** One fault rule of a plan: see docs/contracts.md, "The mock's control API". @public */
export interface FaultRule {
  /** `iam`: the IAM Query API the mock answers on its STS endpoint (API version 2010-05-08). */
  readonly service: 'imds' | 'sts' | 'iam' | 'container';
  readonly action?: string;
  /** Glob over the request path, `*` within a segment, `**` across. */
  readonly path?: string;
  readonly client?: string;
  readonly status?: number;
  readonly code?: string;
  readonly message?: string;
  readonly latencyMs?: number;
  readonly hang?: boolean;
  readonly reset?: boolean;
  /** Send only this many body bytes, then drop the connection. */
  readonly truncateBytes?: number;
  /** Apply to the next N matching requests only. */
  readonly times?: number;
  /** Apply to a seeded share of matching requests. */
  readonly probability?: number;
  /** Apply only to the Nth matching request (1-based). */
  readonly nth?: number;
  /** Apply only inside this window of virtual time (ISO or ms since the mock's start). */
  readonly from?: string | number;
  readonly until?: string | number;
  /** Headers to add, e.g. `{ "Retry-After": "2" }`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** @public */
export interface FaultPlan {
  readonly seed?: number;
  readonly rules?: readonly FaultRule[];
  /**
   * Token buckets by service. In a plan sent to `POST /_mock/faults`, a
   * service left out keeps its configured bucket and `null` switches its
   * bucket off (docs/decisions/0013).
   */
  readonly throttle?: Partial<Readonly<Record<'imds' | 'sts' | 'container', ThrottleSpec | null>>>;
}

/** The full configuration with every default filled in. @public */
export interface ResolvedMockConfig {
  readonly seed: number;
  /** Where the virtual clock starts. */
  readonly startTime: string;
  readonly account: string;
  readonly instance: MockInstance;
  readonly container: MockContainer;
  readonly users: readonly MockUser[];
  readonly roles: readonly MockRole[];
  /** Customer managed policies by name (`arn:aws:iam::ACCOUNT:policy/NAME`), for attachments and `PolicyArns`. */
  readonly managedPolicies?: Readonly<Record<string, PolicyDocument>>;
  /**
   * Enforce IAM policies on STS and IAM calls (on by default). Off, only role
   * trust policies are checked, as before policies existed.
   */
  readonly enforcePolicies?: boolean;
  /** Check SigV4 signatures on STS (on by default). */
  readonly verifySignatures: boolean;
  /** Allowed clock skew for signed requests, in seconds. */
  readonly maxSkewS: number;
  readonly faults: FaultPlan;
}

type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly DeepPartial<U>[]
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> | undefined }
    : T;

/** What a user may write: any subset of {@link ResolvedMockConfig}. @public */
export type MockConfig = DeepPartial<ResolvedMockConfig>;
