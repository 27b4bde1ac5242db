/** Same brand as `@rolecall/core`'s `RolecallError`, without depending on the core (docs/decisions/0002). */
const BRAND = Symbol.for('rolecall.core.error');

/** The mock dispatcher was asked for an origin it was not told to answer for. @public */
export class UnmockedOriginError extends Error {
  /** Stable, machine-readable. */
  readonly code = 'ERR_ROLECALL_UNMOCKED_ORIGIN';
  readonly origin: string;
  readonly origins: readonly string[];

  constructor(origin: string, origins: readonly string[]) {
    super(
      `the mock dispatcher does not answer for ${origin === '' ? 'a request without an origin' : origin}: ` +
        `it serves ${origins.join(', ')}; add the origin to mockDispatcher's \`origins\` option or route this request elsewhere`,
    );
    this.name = 'UnmockedOriginError';
    this.origin = origin;
    this.origins = origins;
    Object.defineProperty(this, BRAND, { value: true });
  }
}
