import type { MockResponse } from '../domain/MockRequest.js';
import { STS_NAMESPACE, element, leaf } from './xml.js';

/**
 * An STS error answer exactly as AWS sends it: `ErrorResponse` XML in the
 * 2011-06-15 namespace, `Content-Type: text/xml` and `x-amzn-RequestId`.
 * The domain core uses it for throttling (`400 Throttling "Rate exceeded"`).
 *
 * @example
 * stsErrorResponse(400, 'Throttling', 'Rate exceeded', requestId);
 * @public
 */
export function stsErrorResponse(
  status: number,
  code: string,
  message: string,
  requestId: string,
  type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
): MockResponse {
  const body =
    `<ErrorResponse xmlns="${STS_NAMESPACE}">` +
    element('Error', [leaf('Type', type), leaf('Code', code), leaf('Message', message)]) +
    leaf('RequestId', requestId) +
    '</ErrorResponse>\n';
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}
