import type { Identity } from '../domain/KeyStore.js';
import type { ActionInput, ActionOutput } from './actions.js';
import { stsError } from './StsError.js';
import { Validator } from './Validator.js';
import { credentialsXml } from './xml.js';

/** GetSessionToken's bounds: 900 s to 36 h, 12 h by default. */
const MIN_DURATION_S = 900;
const MAX_DURATION_S = 129_600;
const DEFAULT_DURATION_S = 43_200;

/**
 * GetSessionToken: temporary credentials for a user's long-term key. The
 * session reports the user's own identity to GetCallerIdentity, as on AWS.
 * @internal
 */
export function getSessionToken({ ctx, params, caller }: ActionInput): ActionOutput {
  const v = new Validator(params);
  const durationS = v.integer('DurationSeconds', { min: MIN_DURATION_S, max: MAX_DURATION_S, fallback: DEFAULT_DURATION_S });
  const invalid = v.error();
  if (invalid) return invalid;
  if (caller === undefined || caller.sessionToken !== undefined) {
    return stsError(403, 'AccessDenied', 'Cannot call GetSessionToken with session credentials');
  }
  const identity: Identity = { ...caller.identity, kind: 'session' };
  const key = ctx.keys.issue({ identity, expiresAtMs: ctx.now() + durationS * 1000, issuedBy: 'sts' });
  return [credentialsXml(key)];
}
