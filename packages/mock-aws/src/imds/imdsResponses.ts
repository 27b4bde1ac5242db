import type { MockResponse } from '../domain/MockRequest.js';

/**
 * The wire shapes of EC2 instance metadata answers: plain-text items with
 * `Server: EC2ws`, and the XHTML error pages the real service sends
 * (docs/reference/imds-sts-wire.md §1.2–1.3; the 404 page as amazon-ec2-metadata-mock reproduces it).
 */

const REASONS: Readonly<Record<number, readonly [title: string, code: string]>> = {
  400: ['Missing or Invalid Parameters', 'MissingOrInvalidParameters'],
  401: ['Unauthorized', 'Unauthorized'],
  403: ['Forbidden', 'Forbidden'],
  404: ['Not Found', 'NotFound'],
  405: ['Method Not Allowed', 'MethodNotAllowed'],
  429: ['Too Many Requests', 'TooManyRequests'],
  500: ['Internal Server Error', 'InternalServerError'],
  502: ['Bad Gateway', 'BadGateway'],
  503: ['Service Unavailable', 'ServiceUnavailable'],
  504: ['Gateway Timeout', 'GatewayTimeout'],
};

/** Headers on every IMDS answer. @internal */
export const IMDS_HEADERS: Readonly<Record<string, string>> = { server: 'EC2ws', 'accept-ranges': 'none' };

/** The journal code for an IMDS error status: `NotFound`, `Unauthorized`, … @internal */
export function imdsErrorCode(status: number): string {
  return REASONS[status]?.[1] ?? `Http${status}`;
}

/** The XHTML page IMDS answers errors with, e.g. `<title>404 - Not Found</title>`. @internal */
export function imdsErrorPage(status: number): string {
  const title = `${status} - ${REASONS[status]?.[0] ?? 'Error'}`;
  return (
    '<?xml version="1.0" encoding="iso-8859-1"?>\n' +
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n' +
    '\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n' +
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n' +
    ` <head>\n  <title>${title}</title>\n </head>\n` +
    ` <body>\n  <h1>${title}</h1>\n </body>\n` +
    '</html>\n'
  );
}

/** An IMDS error answer; `message`, when given (fault plans), replaces the page. @internal */
export function imdsError(status: number, extraHeaders?: Readonly<Record<string, string>>, message?: string): MockResponse {
  return {
    status,
    headers: { ...IMDS_HEADERS, 'content-type': message === undefined ? 'text/html' : 'text/plain', ...extraHeaders },
    body: message ?? imdsErrorPage(status),
  };
}

/** A successful IMDS answer. @internal */
export function imdsOk(body: string, contentType = 'text/plain', extraHeaders?: Readonly<Record<string, string>>): MockResponse {
  return { status: 200, headers: { ...IMDS_HEADERS, 'content-type': contentType, ...extraHeaders }, body };
}
