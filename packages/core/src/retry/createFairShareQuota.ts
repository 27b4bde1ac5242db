import { InvalidOptionError } from '../errors.js';
import { INITIAL_RETRY_TOKENS, type RetryQuota } from './createRetryQuota.js';
import { checkNumber } from './validateOption.js';

/** One pool of retry tokens, drawn on by many clients through per-client views. @public */
export interface FairShareQuota {
  readonly capacity: number;
  /** Tokens left in the pool. */
  readonly available: number;
  /** Clients the pool is divided between: `clients` if given, else the distinct ids seen by `forClient`. */
  readonly clientCount: number;
  /** The view one client's strategy uses; the same id gives the same view. */
  forClient(clientId: string): RetryQuota;
  /** Tokens a client has drawn and not yet paid back. */
  heldBy(clientId: string): number;
}

/** @public */
export interface FairShareQuotaOptions {
  /** Tokens in the pool; default 500. */
  readonly capacity?: number | undefined;
  /** Fixed number of clients to divide by. Default: count the clients as they appear. */
  readonly clients?: number | undefined;
}

/**
 * A shared quota in which no client can take more than its share. Rule: a
 * client may withdraw `cost` when the pool holds it AND its net draw (tokens
 * withdrawn minus tokens it deposited, floored at 0) plus `cost` stays within
 * `capacity / clientCount`. So one failing client drains at most its own
 * share and the rest keep theirs — the pool-wide lock-out of
 * aws-sdk-go-v2#1665 cannot happen. Deposits go to the pool and first pay
 * down the depositor's net draw. See docs/decisions/0041.
 *
 * A view's `capacity` is the share; its `available` is what that client could
 * draw now: min(pool left, share − net draw).
 * @public
 */
export function createFairShareQuota(options: FairShareQuotaOptions = {}): FairShareQuota {
  const capacity = checkNumber('createFairShareQuota.capacity', options.capacity ?? INITIAL_RETRY_TOKENS);
  const fixedClients =
    options.clients === undefined ? undefined : checkNumber('createFairShareQuota.clients', options.clients, { min: 1, integer: true });
  let tokens = capacity;
  const held = new Map<string, number>();
  const views = new Map<string, RetryQuota>();

  const clientCount = (): number => fixedClients ?? Math.max(1, views.size);
  const share = (): number => capacity / clientCount();

  const view = (clientId: string): RetryQuota => ({
    get capacity() {
      return share();
    },
    get available() {
      return Math.max(0, Math.min(tokens, share() - (held.get(clientId) ?? 0)));
    },
    tryWithdraw(cost) {
      const mine = held.get(clientId) ?? 0;
      if (cost > tokens || mine + cost > share()) return false;
      tokens -= cost;
      held.set(clientId, mine + cost);
      return true;
    },
    deposit(amount) {
      const paid = Math.max(0, amount);
      tokens = Math.min(capacity, tokens + paid);
      held.set(clientId, Math.max(0, (held.get(clientId) ?? 0) - paid));
    },
  });

  return {
    capacity,
    get available() {
      return tokens;
    },
    get clientCount() {
      return clientCount();
    },
    forClient(clientId) {
      let v = views.get(clientId);
      if (v === undefined) {
        if (fixedClients !== undefined && views.size >= fixedClients) {
          throw new InvalidOptionError(
            'createFairShareQuota.clients',
            `The fair-share quota was created for ${fixedClients} client(s); "${clientId}" would be one more. Raise \`clients\` or omit it to count clients as they appear.`,
          );
        }
        v = view(clientId);
        views.set(clientId, v);
      }
      return v;
    },
    heldBy: (clientId) => held.get(clientId) ?? 0,
  };
}
