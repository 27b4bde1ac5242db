import type { AwsClient, ResponseMetadata } from '../http/createSignedClient.js';
import { ResponseParseError } from '../errors.js';
import { closesRoot, parseXml, xmlPath, type XmlNode } from '../http/xml.js';

/** The STS API version every request names. @internal */
export const STS_API_VERSION = '2011-06-15';

/** A form value: lists are flattened by the caller (`PolicyArns.member.1.arn`). @internal */
export type StsParams = Readonly<Record<string, string | number | undefined>>;

/** Per-call options of every STS operation. @public */
export interface StsCallOptions {
  readonly signal?: AbortSignal;
}

/** RFC 3986 form encoding, as the SDKs send it (`encodeURIComponent` leaves `!'()*` alone). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `Action=X&Version=2011-06-15&...`, undefined values left out. @internal */
export function encodeStsForm(action: string, params: StsParams, version = STS_API_VERSION): string {
  const parts = [`Action=${encode(action)}`, `Version=${version}`];
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) parts.push(`${encode(name)}=${encode(String(value))}`);
  }
  return parts.join('&');
}

/** Calls one STS Query action and returns its `<ActionResult>` element. @internal */
export async function callSts(
  client: AwsClient,
  action: string,
  params: StsParams,
  options: StsCallOptions & { readonly signed?: boolean } = {},
): Promise<{ result: XmlNode; $metadata: ResponseMetadata }> {
  return callQuery(client, { service: 'sts', version: STS_API_VERSION }, action, params, options);
}

/**
 * Calls one action of a Query-protocol service (STS, IAM) through the signed
 * client and returns its `<ActionResult>` element.
 * @internal
 */
export async function callQuery(
  client: AwsClient,
  api: { readonly service: string; readonly version: string },
  action: string,
  params: StsParams,
  options: StsCallOptions & { readonly signed?: boolean } = {},
): Promise<{ result: XmlNode; $metadata: ResponseMetadata }> {
  const { service } = api;
  const response = await client.send({
    service,
    action,
    body: encodeStsForm(action, params, api.version),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    ...(options.signed === undefined ? {} : { signed: options.signed }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const fail = (detail: string, cause?: unknown): ResponseParseError =>
    new ResponseParseError(
      { service, action, statusCode: response.statusCode, requestId: response.$metadata.requestId, detail },
      cause === undefined ? undefined : { cause },
    );
  // A success answer is parsed without the validator's extra pass; what it
  // would catch in practice, a body cut short, cannot close the root element.
  if (!closesRoot(response.body, `${action}Response`)) throw fail(`not well-formed XML: the body does not end with </${action}Response>`);
  let doc: XmlNode;
  try {
    doc = parseXml(response.body, { validate: false });
  } catch (cause) {
    throw fail('not well-formed XML', cause);
  }
  const result = xmlPath(doc, `${action}Response`, `${action}Result`);
  // An empty <XResult/> parses as '' and is valid for actions without output fields.
  if (result === undefined || Array.isArray(result)) throw fail(`no <${action}Response><${action}Result> element`);
  return { result: result as XmlNode, $metadata: response.$metadata };
}

/** Reads a required text member or throws a {@link ResponseParseError}. @internal */
export function requiredText(result: XmlNode, action: string, $metadata: ResponseMetadata, ...path: string[]): string {
  const node = typeof result === 'string' ? undefined : path.reduce<XmlNode | readonly XmlNode[] | undefined>((n, name) => (n === undefined || typeof n === 'string' || Array.isArray(n) ? undefined : (n as Record<string, XmlNode>)[name]), result);
  if (typeof node !== 'string' || node === '') {
    throw new ResponseParseError({ service: 'sts', action, statusCode: $metadata.httpStatusCode, requestId: $metadata.requestId, detail: `${path.join('/')} is missing` });
  }
  return node;
}
