import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAwsError } from './parseAwsError.js';

describe('parseAwsError', () => {
  it('reads the STS Query error shape', () => {
    const body = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
      <Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>
      <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>`;
    expect(parseAwsError({}, body)).toEqual({ code: 'Throttling', message: 'Rate exceeded', requestId: 'c6104cbe-af31-11e0-8154-cbc7ccf896c7' });
  });

  it('prefers the header request id, and reads S3 and EC2 shapes', () => {
    expect(parseAwsError({ 'x-amzn-requestid': 'hdr' }, '<Error><Code>SlowDown</Code><Message>m</Message><RequestId>body</RequestId></Error>')).toEqual({ code: 'SlowDown', message: 'm', requestId: 'hdr' });
    expect(parseAwsError({}, '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>x</Message></Error></Errors><RequestID>r1</RequestID></Response>')).toEqual({ code: 'RequestLimitExceeded', message: 'x', requestId: 'r1' });
  });

  it('reads JSON errors from __type or x-amzn-ErrorType', () => {
    expect(parseAwsError({}, '{"__type":"com.amazonaws.sts#ThrottlingException","message":"slow"}').code).toBe('ThrottlingException');
    expect(parseAwsError({ 'x-amzn-errortype': 'AccessDeniedException:http://internal' }, '{}').code).toBe('AccessDeniedException');
  });

  it('regression: a Query error body cut at any length gives its whole code or none, never a code cut short', () => {
    const whole = `<?xml version="1.0"?><ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>\n`;
    expect(parseAwsError({}, whole).code).toBe('Throttling');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: whole.length - 1 }), (cut) => {
        const parsed = parseAwsError({}, whole.slice(0, cut));
        expect(parsed.code === undefined || parsed.code === 'Throttling').toBe(true);
        if (cut < whole.indexOf('</ErrorResponse>')) expect(parsed.code).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it('gives no code, never throws, for any other body', () => {
    fc.assert(
      fc.property(fc.string(), (body) => {
        const parsed = parseAwsError({}, body);
        expect(typeof parsed.message).toBe('string');
      }),
    );
    expect(parseAwsError({}, 'Service Unavailable').code).toBeUndefined();
    expect(parseAwsError({}, '<html><body>502</body></html>').code).toBeUndefined();
  });
});
