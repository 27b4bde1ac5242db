import type { IssuedKey } from '../domain/KeyStore.js';
import type { PolicyStore } from '../iam/createPolicyStore.js';
import type { RequestOrigin } from '../iam/globalContext.js';
import type { StsContext } from './StsService.js';
import type { StsError } from './StsError.js';

/** What an action handler gets. @internal */
export interface ActionInput {
  readonly ctx: StsContext;
  readonly params: ReadonlyMap<string, string>;
  /** The verified caller; undefined only for unsigned actions (AssumeRoleWithWebIdentity). */
  readonly caller: IssuedKey | undefined;
  /** The configuration's policies, compiled. */
  readonly policies: PolicyStore;
  /** When and from where the request came, for the global condition keys. */
  readonly origin: RequestOrigin;
}

/** The children of `<ActionResult>` as XML, or an error. @internal */
export type ActionOutput = readonly string[] | StsError;

/** @internal */
export type ActionHandler = (input: ActionInput) => ActionOutput;

/** Kinds of key that belong to a role session (using one to assume a role is role chaining). @internal */
export const ROLE_SESSION_KINDS: ReadonlySet<string> = new Set(['instance-role', 'container-role', 'assumed-role', 'web-identity']);

/** The 1 hour cap AWS puts on sessions made by role chaining. @internal */
export const CHAINED_MAX_DURATION_S = 3600;
