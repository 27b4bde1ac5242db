/**
 * `startMockServer` was asked to bind an address other machines can reach
 * without saying so. It carries the same brand as `@rolecall/core`'s
 * `RolecallError` (`Symbol.for('rolecall.core.error')`), so `instanceof
 * RolecallError` holds without the mock depending on the core
 * (docs/decisions/0002).
 */

const BRAND = Symbol.for('rolecall.core.error');

/** The host is not a loopback address and `allowNonLoopback` was not given (docs/decisions/0093). @public */
export class NonLoopbackHostError extends Error {
  /** Stable, machine-readable. */
  readonly code = 'ERR_ROLECALL_MOCK_NOT_LOOPBACK';
  readonly host: string;

  constructor(host: string) {
    super(
      `${host} is not a loopback address: the fake AWS and its control API would be reachable from the network. ` +
        'Bind 127.0.0.1 or ::1, or pass allowNonLoopback (rolecall mock --allow-non-loopback) to serve it with a control-API token.',
    );
    this.name = 'NonLoopbackHostError';
    this.host = host;
    Object.defineProperty(this, BRAND, { value: true });
  }
}
