import type { MockRequest, MockResponse } from '../domain/MockRequest.js';
import { createPolicyStore, type PolicyStore } from '../iam/createPolicyStore.js';
import type { ActionHandler } from './actions.js';
import { assumeRole } from './assumeRole.js';
import { assumeRoleWithWebIdentity } from './assumeRoleWithWebIdentity.js';
import { getCallerIdentity } from './getCallerIdentity.js';
import { getSessionToken } from './getSessionToken.js';
import { MAX_STS_BODY_BYTES, parseStsAction } from './parseStsAction.js';
import { parseForm } from './parseForm.js';
import { requestId } from './requestId.js';
import { type StsError, echo, isStsError, stsError } from './StsError.js';
import { stsErrorResponse } from './stsErrorResponse.js';
import type { StsContext, StsResult, StsService } from './StsService.js';
import { verifySigV4 } from './verifySignature.js';
import { STS_NAMESPACE, leaf } from './xml.js';
import { IAM_ACTIONS, IAM_NAMESPACE, IAM_VERSION } from '../iam/api/iamActions.js';

/** The only API version STS has. */
const STS_VERSION = '2011-06-15';

const ACTIONS: ReadonlyMap<string, ActionHandler> = new Map([
  ['GetCallerIdentity', getCallerIdentity],
  ['AssumeRole', assumeRole],
  ['AssumeRoleWithWebIdentity', assumeRoleWithWebIdentity],
  ['GetSessionToken', getSessionToken],
]);

/** Real STS actions the mock does not answer: named as such rather than "not found". */
const NOT_MODELLED = new Set(['AssumeRoleWithSAML', 'AssumeRoot', 'DecodeAuthorizationMessage', 'GetAccessKeyInfo', 'GetDelegatedAccessToken', 'GetFederationToken', 'GetWebIdentityToken']);

/** Actions AWS serves without SigV4 (model auth `smithy.api#noAuth`). */
const UNSIGNED_ACTIONS = new Set(['AssumeRoleWithWebIdentity']);

const UTF8 = new TextDecoder('utf-8', { fatal: true });

interface Outcome {
  readonly action: string;
  /** Set for the IAM Query actions served on the same endpoint. */
  readonly iam?: true;
  readonly accessKeyId?: string;
  readonly region?: string;
  readonly result: readonly string[] | StsError;
}

/**
 * The mock's STS (Query protocol, XML): GetCallerIdentity, AssumeRole,
 * AssumeRoleWithWebIdentity and GetSessionToken, every signed request checked
 * against the keys the mock knows. The domain core calls it after throttling
 * and faults. `handle` never throws: bad input of any kind is an
 * `ErrorResponse` with a real code, and an internal failure is a 500
 * `InternalFailure`.
 *
 * @example
 * const sts = createStsService({ config, keys, now: clock.now, random });
 * const { response, action, code } = await sts.handle(request);
 * @public
 */
export function createStsService(ctx: StsContext): StsService {
  const policies = createPolicyStore(ctx.config);
  return {
    async handle(request) {
      const id = requestId(ctx.random);
      let outcome: Outcome;
      try {
        outcome = await answer(ctx, policies, request);
      } catch {
        outcome = { action: parseStsAction(request), result: stsError(500, 'InternalFailure', 'The mock STS failed unexpectedly while answering this request.') };
      }
      const { action, result } = outcome;
      const service = outcome.iam ? { service: 'iam' as const } : {};
      const date = new Date(ctx.now()).toUTCString();
      const keyField = { ...(outcome.accessKeyId === undefined ? {} : { accessKeyId: outcome.accessKeyId }), ...(outcome.region === undefined ? {} : { region: outcome.region }) };
      if (isStsError(result)) {
        const base = stsErrorResponse(result.status, result.code, result.message, id, result.type);
        const response: MockResponse = { ...base, headers: { ...base.headers, date, ...result.headers } };
        return { response, action, code: result.code, ...keyField, ...service } satisfies StsResult;
      }
      const body =
        `<${action}Response xmlns="${outcome.iam ? IAM_NAMESPACE : STS_NAMESPACE}">` +
        `<${action}Result>${result.join('')}</${action}Result>` +
        `<ResponseMetadata>${leaf('RequestId', id)}</ResponseMetadata>` +
        `</${action}Response>\n`;
      const response: MockResponse = { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': id, date }, body };
      return { response, action, code: null, ...keyField, ...service } satisfies StsResult;
    },
  };
}

async function answer(ctx: StsContext, policies: PolicyStore, request: MockRequest): Promise<Outcome> {
  const params = readParams(request);
  if (isStsError(params)) return { action: parseStsAction(request), result: params };
  const action = params.get('Action');
  if (action === undefined || action === '') return { action: parseStsAction(request), result: stsError(400, 'MissingAction', 'Missing Action: the request must carry an Action parameter, e.g. Action=GetCallerIdentity&Version=2011-06-15.') };
  const version = params.get('Version');
  if (version === IAM_VERSION) return answerIam(ctx, policies, request, params, action);
  const handler = ACTIONS.get(action);
  const named = /^[A-Za-z0-9]{1,64}$/.test(action) ? action : 'Unknown';
  if (handler === undefined || version !== STS_VERSION) {
    const message = NOT_MODELLED.has(action) && version === STS_VERSION
      ? `The mock does not implement ${action}; it answers ${[...ACTIONS.keys()].join(', ')}.`
      : `Could not find operation ${echo(action)} for version ${version === undefined ? 'NO_VERSION_SPECIFIED' : echo(version)}`;
    return { action: named, result: stsError(400, 'InvalidAction', message) };
  }

  const origin = { nowMs: ctx.now(), sourceIp: request.client };
  if (UNSIGNED_ACTIONS.has(action)) return { action, result: handler({ ctx, params, caller: undefined, policies, origin }) };
  const verified = await verifySigV4({ request, keys: ctx.keys, nowMs: ctx.now(), maxSkewS: ctx.config.maxSkewS, checkSignature: ctx.config.verifySignatures });
  if (!verified.ok) {
    return { action, result: verified.error, ...(verified.accessKeyId === undefined ? {} : { accessKeyId: verified.accessKeyId }), ...(verified.region === undefined ? {} : { region: verified.region }) };
  }
  return { action, accessKeyId: verified.key.accessKeyId, region: verified.region, result: handler({ ctx, params, caller: verified.key, policies, origin }) };
}

/**
 * The IAM Query subset on the same endpoint: told apart by its
 * API version, signed for the service `iam`, every action authorised.
 */
async function answerIam(ctx: StsContext, policies: PolicyStore, request: MockRequest, params: Map<string, string>, action: string): Promise<Outcome> {
  const handler = IAM_ACTIONS.get(action);
  const named = /^[A-Za-z0-9]{1,64}$/.test(action) ? action : 'Unknown';
  if (handler === undefined) {
    return { action: named, iam: true, result: stsError(400, 'InvalidAction', `The mock's IAM does not implement ${echo(action)}; it answers ${[...IAM_ACTIONS.keys()].join(', ')}.`) };
  }
  const verified = await verifySigV4({ request, keys: ctx.keys, nowMs: ctx.now(), maxSkewS: ctx.config.maxSkewS, checkSignature: ctx.config.verifySignatures, service: 'iam' });
  if (!verified.ok) {
    return { action, iam: true, result: verified.error, ...(verified.accessKeyId === undefined ? {} : { accessKeyId: verified.accessKeyId }), ...(verified.region === undefined ? {} : { region: verified.region }) };
  }
  const origin = { nowMs: ctx.now(), sourceIp: request.client };
  return { action, iam: true, accessKeyId: verified.key.accessKeyId, region: verified.region, result: handler({ ctx, params, caller: verified.key, policies, origin }) };
}

/** The request's parameters: the form body first, then the query string (decision 0023). */
function readParams(request: MockRequest): Map<string, string> | StsError {
  const method = request.method.toUpperCase();
  if (method !== 'POST' && method !== 'GET') {
    return stsError(405, 'MethodNotAllowed', `STS does not accept ${echo(request.method)} requests: send POST with a form body, or GET with a query string.`, { allow: 'GET, POST' });
  }
  if (request.body.byteLength > MAX_STS_BODY_BYTES) {
    return stsError(413, 'RequestEntityTooLarge', `The request body is ${request.body.byteLength} bytes; STS requests may be at most ${MAX_STS_BODY_BYTES} bytes.`);
  }
  const params = new Map<string, string>();
  if (request.body.byteLength > 0) {
    const contentType = (request.headers['content-type'] ?? 'application/x-www-form-urlencoded').split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/x-www-form-urlencoded') {
      return stsError(400, 'InvalidParameterValue', `Unsupported Content-Type '${echo(contentType ?? '')}': STS takes application/x-www-form-urlencoded bodies (the Query protocol).`);
    }
    let text: string;
    try {
      text = UTF8.decode(request.body);
    } catch {
      return stsError(400, 'MalformedQueryString', 'The request body is not UTF-8.');
    }
    const parsed = parseForm(text, params);
    if (isStsError(parsed)) return parsed;
  }
  const q = request.path.indexOf('?');
  if (q >= 0) {
    const parsed = parseForm(request.path.slice(q + 1), params);
    if (isStsError(parsed)) return parsed;
  }
  return params;
}
