import type { AwsClient, ResponseMetadata } from '../http/createSignedClient.js';
import { xmlPath, xmlText, type XmlNode } from '../http/xml.js';
import { callQuery, type StsCallOptions, type StsParams } from '../sts/callSts.js';

/** The IAM API version every request names. @internal */
export const IAM_API_VERSION = '2010-05-08';
const IAM = { service: 'iam', version: IAM_API_VERSION } as const;

/** A condition key value for the simulator; lists are `*List` types. @public */
export interface SimulatorContextEntry {
  readonly ContextKeyName: string;
  readonly ContextKeyValues: readonly string[];
  readonly ContextKeyType?: 'string' | 'stringList' | 'numeric' | 'numericList' | 'boolean' | 'booleanList' | 'ip' | 'ipList' | 'binary' | 'binaryList' | 'date' | 'dateList';
}

/** What both simulator operations take besides their policy source. @public */
export interface SimulateInputBase {
  readonly ActionNames: readonly string[];
  readonly ResourceArns?: readonly string[];
  readonly ContextEntries?: readonly SimulatorContextEntry[];
  readonly PolicyInputList?: readonly string[];
  readonly PermissionsBoundaryPolicyInputList?: readonly string[];
  readonly ResourcePolicy?: string;
  readonly CallerArn?: string;
}

/** @public */
export interface SimulatePrincipalPolicyInput extends SimulateInputBase {
  /** A user or role ARN. */
  readonly PolicySourceArn: string;
}

/** @public */
export interface SimulateCustomPolicyInput extends SimulateInputBase {
  readonly PolicyInputList: readonly string[];
}

/** A statement the simulator says decided. @public */
export interface SimulatorMatchedStatement {
  readonly SourcePolicyId?: string;
  readonly SourcePolicyType?: string;
  readonly StartPosition?: { readonly Line: number; readonly Column: number };
  readonly EndPosition?: { readonly Line: number; readonly Column: number };
}

/** One action (and resource) as the simulator decided it. @public */
export interface SimulatorEvaluationResult {
  readonly EvalActionName: string;
  readonly EvalResourceName?: string;
  readonly EvalDecision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  readonly MatchedStatements: readonly SimulatorMatchedStatement[];
  readonly MissingContextValues: readonly string[];
}

/** @public */
export interface SimulatePolicyOutput {
  readonly EvaluationResults: readonly SimulatorEvaluationResult[];
  readonly $metadata: ResponseMetadata;
}

const members = (node: XmlNode | readonly XmlNode[] | undefined, ...path: string[]): readonly XmlNode[] => {
  const found = xmlPath(node, ...path, 'member');
  return found === undefined ? [] : Array.isArray(found) ? (found as readonly XmlNode[]) : [found as XmlNode];
};

function position(node: XmlNode, name: string): { Line: number; Column: number } | undefined {
  const line = xmlText(node, name, 'Line');
  const column = xmlText(node, name, 'Column');
  return line === undefined || column === undefined ? undefined : { Line: Number(line), Column: Number(column) };
}

function params(input: SimulateInputBase & { PolicySourceArn?: string }): StsParams {
  const out: Record<string, string | undefined> = {
    PolicySourceArn: input.PolicySourceArn,
    ResourcePolicy: input.ResourcePolicy,
    CallerArn: input.CallerArn,
  };
  const list = (name: string, values: readonly string[] | undefined) => values?.forEach((v, i) => (out[`${name}.member.${i + 1}`] = v));
  list('ActionNames', input.ActionNames);
  list('ResourceArns', input.ResourceArns);
  list('PolicyInputList', input.PolicyInputList);
  list('PermissionsBoundaryPolicyInputList', input.PermissionsBoundaryPolicyInputList);
  input.ContextEntries?.forEach((e, i) => {
    const at = `ContextEntries.member.${i + 1}`;
    out[`${at}.ContextKeyName`] = e.ContextKeyName;
    out[`${at}.ContextKeyType`] = e.ContextKeyType ?? 'string';
    e.ContextKeyValues.forEach((v, j) => (out[`${at}.ContextKeyValues.member.${j + 1}`] = v));
  });
  return out;
}

async function simulate(client: AwsClient, action: string, input: SimulateInputBase & { PolicySourceArn?: string }, options: StsCallOptions): Promise<SimulatePolicyOutput> {
  const { result, $metadata } = await callQuery(client, IAM, action, params(input), options);
  const EvaluationResults = members(result, 'EvaluationResults').map((r): SimulatorEvaluationResult => {
    const resource = xmlText(r, 'EvalResourceName');
    return {
      EvalActionName: xmlText(r, 'EvalActionName') ?? '',
      ...(resource === undefined ? {} : { EvalResourceName: resource }),
      EvalDecision: (xmlText(r, 'EvalDecision') ?? 'implicitDeny') as SimulatorEvaluationResult['EvalDecision'],
      MatchedStatements: members(r, 'MatchedStatements').map((m) => {
        const id = xmlText(m, 'SourcePolicyId');
        const type = xmlText(m, 'SourcePolicyType');
        const start = position(m, 'StartPosition');
        const end = position(m, 'EndPosition');
        return { ...(id ? { SourcePolicyId: id } : {}), ...(type ? { SourcePolicyType: type } : {}), ...(start ? { StartPosition: start } : {}), ...(end ? { EndPosition: end } : {}) };
      }),
      MissingContextValues: members(r, 'MissingContextValues').filter((m): m is string => typeof m === 'string'),
    };
  });
  return { EvaluationResults, $metadata };
}

/**
 * IAM SimulatePrincipalPolicy: what a user's or role's own policies decide
 * for actions on resources (the caller needs `iam:SimulatePrincipalPolicy`).
 *
 * @example
 * ```ts
 * const out = await simulatePrincipalPolicy(createClient(), { PolicySourceArn: roleArn, ActionNames: ['s3:GetObject'] });
 * out.EvaluationResults[0]?.EvalDecision; // 'allowed' | 'explicitDeny' | 'implicitDeny'
 * ```
 * @public
 */
export function simulatePrincipalPolicy(client: AwsClient, input: SimulatePrincipalPolicyInput, options: StsCallOptions = {}): Promise<SimulatePolicyOutput> {
  return simulate(client, 'SimulatePrincipalPolicy', input, options);
}

/** IAM SimulateCustomPolicy: what the given policy documents decide. @public */
export function simulateCustomPolicy(client: AwsClient, input: SimulateCustomPolicyInput, options: StsCallOptions = {}): Promise<SimulatePolicyOutput> {
  return simulate(client, 'SimulateCustomPolicy', input, options);
}
