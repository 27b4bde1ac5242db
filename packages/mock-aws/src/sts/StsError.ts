/**
 * An STS error answer as data: what `stsErrorResponse` turns into XML. The
 * service never throws these; every step returns either its value or one of
 * them, so `handle()` cannot leak an exception to a front.
 */

/** The error codes this STS can answer with. @public */
export type StsErrorCode =
  | 'AccessDenied'
  | 'ExpiredToken'
  | 'ExpiredTokenException'
  | 'IncompleteSignature'
  | 'InternalFailure'
  | 'InvalidAction'
  | 'InvalidClientTokenId'
  | 'InvalidIdentityToken'
  | 'InvalidParameterValue'
  | 'MalformedPolicyDocument'
  | 'MalformedQueryString'
  | 'MethodNotAllowed'
  | 'MissingAction'
  | 'MissingAuthenticationToken'
  | 'NoSuchEntity'
  | 'RequestEntityTooLarge'
  | 'SignatureDoesNotMatch'
  | 'Throttling'
  | 'ValidationError';

/** Every code in {@link StsErrorCode}, for tests and the journal. @public */
export const STS_ERROR_CODES: readonly StsErrorCode[] = [
  'AccessDenied', 'ExpiredToken', 'ExpiredTokenException', 'IncompleteSignature', 'InternalFailure', 'InvalidAction',
  'InvalidClientTokenId', 'InvalidIdentityToken', 'InvalidParameterValue', 'MalformedPolicyDocument', 'MalformedQueryString', 'MethodNotAllowed',
  'MissingAction', 'MissingAuthenticationToken', 'NoSuchEntity', 'RequestEntityTooLarge', 'SignatureDoesNotMatch', 'Throttling', 'ValidationError',
];

/** An STS error answer as data (status, AWS code, message). @public */
export interface StsError {
  readonly kind: 'error';
  readonly status: number;
  readonly code: StsErrorCode;
  readonly message: string;
  readonly type: 'Sender' | 'Receiver';
  readonly headers?: Readonly<Record<string, string>>;
}

/** @internal */
export function stsError(status: number, code: StsErrorCode, message: string, headers?: Readonly<Record<string, string>>): StsError {
  return { kind: 'error', status, code, message, type: status >= 500 ? 'Receiver' : 'Sender', ...(headers ? { headers } : {}) };
}

/** @internal */
export function isStsError(value: unknown): value is StsError {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'error';
}

/** A user value as it may appear in an error message: bounded, never a secret. @internal */
export function echo(value: string): string {
  return value.length > 128 ? `${value.slice(0, 128)}...` : value;
}
