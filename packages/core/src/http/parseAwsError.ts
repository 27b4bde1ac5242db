import { closesRoot, parseXml, xmlText, type XmlNode } from './xml.js';

/** What an AWS error body says. @internal */
export interface AwsErrorBody {
  readonly code: string | undefined;
  readonly message: string;
  readonly requestId: string | undefined;
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The request id AWS sends in a header (`x-amzn-RequestId` for STS). @internal */
export function requestIdOf(headers: Headers): string | undefined {
  return header(headers, 'x-amzn-requestid') ?? header(headers, 'x-amz-request-id') ?? header(headers, 'x-amzn-request-id');
}

/** `aws.protocols#awsJson1_0` puts the code in `__type` as `namespace#Code` or in `x-amzn-ErrorType` as `Code:url`. */
function jsonCode(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const afterHash = raw.slice(raw.lastIndexOf('#') + 1);
  return afterHash.split(':')[0];
}

/** The root element's local name, after an optional XML declaration. */
const ROOT_ELEMENT = /^(?:<\?xml[^>]*\?>\s*)?<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/;

function fromXml(text: string): Omit<AwsErrorBody, 'requestId'> & { requestId?: string | undefined } {
  let doc: XmlNode;
  try {
    // A body that closes the root it opens is parsed without the validator's
    // pass, as success answers are (decision 0124): throttled answers are
    // most of what a client reads under load. Anything else is validated,
    // so a body cut short never yields a code cut short.
    const root = ROOT_ELEMENT.exec(text)?.[1];
    doc = parseXml(text, { validate: root === undefined || !closesRoot(text, root) });
  } catch {
    return { code: undefined, message: text.slice(0, 200) };
  }
  // Query (STS, IAM): ErrorResponse/Error; REST-XML (S3): Error; EC2: Response/Errors/Error.
  for (const base of [['ErrorResponse', 'Error'], ['Error'], ['Response', 'Errors', 'Error']]) {
    const code = xmlText(doc, ...base, 'Code');
    if (code !== undefined) {
      const requestId = xmlText(doc, 'ErrorResponse', 'RequestId') ?? xmlText(doc, ...base, 'RequestId') ?? xmlText(doc, 'Response', 'RequestID');
      return { code, message: xmlText(doc, ...base, 'Message') ?? '', requestId };
    }
  }
  return { code: undefined, message: text.slice(0, 200) };
}

function fromJson(text: string, headers: Headers): Omit<AwsErrorBody, 'requestId'> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    // fall through: the header may still carry the code
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const code = jsonCode(header(headers, 'x-amzn-errortype')) ?? jsonCode(str(body['__type'])) ?? jsonCode(str(body['code']) ?? str(body['Code']));
  return { code, message: str(body['message']) ?? str(body['Message']) ?? '' };
}

/**
 * Reads the code, message and request id from an AWS error response in any
 * of the wire protocols (Query/REST XML, JSON). The header request id wins.
 * @internal
 */
export function parseAwsError(headers: Headers, body: string): AwsErrorBody {
  const text = body.trim();
  const parsed: Omit<AwsErrorBody, 'requestId'> & { requestId?: string | undefined } = text.startsWith('<')
    ? fromXml(text)
    : text.startsWith('{') || header(headers, 'x-amzn-errortype') !== undefined
      ? fromJson(text, headers)
      : { code: undefined, message: text.slice(0, 200) };
  return { code: parsed.code, message: parsed.message, requestId: requestIdOf(headers) ?? parsed.requestId };
}
