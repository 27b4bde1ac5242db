import type { ContextInput, Decision, PolicyKind, RequestPrincipal } from '@rolecall/iam-policy';

/** One request and what IAM decides for it. */
export interface Case {
  readonly action: string;
  readonly resource?: string;
  readonly context?: Readonly<Record<string, ContextInput>>;
  readonly principal?: RequestPrincipal;
  readonly expect: Decision;
  readonly deniedBy?: PolicyKind;
  /** Sids of the decisive statements, in order. */
  readonly decisive?: readonly string[];
  readonly missing?: readonly string[];
  readonly note?: string;
}

/** Policies and the requests decided against them. */
export interface Group {
  readonly name: string;
  readonly principal?: RequestPrincipal;
  readonly identity?: readonly unknown[];
  readonly resource?: readonly unknown[];
  readonly trust?: unknown;
  readonly boundary?: unknown;
  readonly session?: readonly unknown[];
  readonly resourceAccount?: string;
  readonly cases: readonly Case[];
}

export const ACCOUNT = '123456789012';
export const OTHER = '210987654321';
export const ALICE: RequestPrincipal = { arn: `arn:aws:iam::${ACCOUNT}:user/alice` };
export const BOB: RequestPrincipal = { arn: `arn:aws:iam::${ACCOUNT}:user/bob` };
export const APP_SESSION: RequestPrincipal = {
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app/i-0abc`,
  roleArn: `arn:aws:iam::${ACCOUNT}:role/app`,
};
export const CAROL_OTHER: RequestPrincipal = { arn: `arn:aws:iam::${OTHER}:user/carol` };

/** A 2012-10-17 document of the given statements. */
export function doc(...Statement: readonly object[]): object {
  return { Version: '2012-10-17', Statement };
}

export const allowAll = (Sid = 'AllowAll'): object => ({ Sid, Effect: 'Allow', Action: '*', Resource: '*' });
