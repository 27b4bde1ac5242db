import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors.js';
import { toCredentialsProvider } from './toCredentialsProvider.js';

/** A field as a user might pass it: right, blank, or the wrong type. */
const field = fc.oneof(
  fc.string({ minLength: 1, maxLength: 24 }).map((s) => `FAKE${s}`),
  fc.constantFrom('', '  '),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
);

describe('toCredentialsProvider', () => {
  it('passes a provider through as is', () => {
    const provider = async () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    expect(toCredentialsProvider(provider)).toBe(provider);
  });

  it('for any object: serves exactly its keys, or throws InvalidOptionError that shows none of its strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { accessKeyId: field, secretAccessKey: field, sessionToken: field, expiration: field, note: fc.string({ minLength: 8 }).map((s) => `FAKEnote${s}`) },
          { requiredKeys: [] },
        ),
        async (value) => {
          let provider;
          try {
            provider = toCredentialsProvider(value as never);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidOptionError);
            expect(error).toMatchObject({ code: 'ERR_ROLECALL_INVALID_OPTION', option: 'credentials' });
            for (const v of Object.values(value)) if (typeof v === 'string' && v.trim().length > 0) expect((error as Error).message).not.toContain(v);
            return;
          }
          const credentials = await provider();
          expect(credentials.accessKeyId).toBe(value.accessKeyId);
          expect(credentials.secretAccessKey).toBe(value.secretAccessKey);
          expect(typeof value.accessKeyId === 'string' && value.accessKeyId.trim() !== '').toBe(true);
          expect(typeof value.secretAccessKey === 'string' && value.secretAccessKey.trim() !== '').toBe(true);
          if (value.expiration !== undefined) expect(credentials.expiration?.getTime()).toBe((value.expiration as Date).getTime());
          expect(credentials.source).toBe('static');
        },
      ),
      { numRuns: 500 },
    );
  });
});
