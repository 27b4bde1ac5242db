/**
 * A mock configuration or fault plan that cannot be used. It carries the same
 * brand as `@rolecall/core`'s `RolecallError` (`Symbol.for('rolecall.core.error')`),
 * so `instanceof RolecallError` holds without the mock depending on the core
 * (docs/decisions/0002).
 */

const BRAND = Symbol.for('rolecall.core.error');

/**
 * `resolveConfig`, `createMockAws`, `setFaults` or `POST /_mock/faults` got a
 * value it cannot use. `field` names the offending field as a dotted path
 * (`instance.hopLimit`, `faults.rules[0].probability`); the message says what
 * was expected and what arrived.
 * @public
 */
export class MockConfigError extends Error {
  /** Stable, machine-readable: `ERR_ROLECALL_MOCK_CONFIG` or `ERR_ROLECALL_FAULT_PLAN`. */
  readonly code: 'ERR_ROLECALL_MOCK_CONFIG' | 'ERR_ROLECALL_FAULT_PLAN';
  /** Dotted path of the offending field, e.g. `instance.hopLimit`. */
  readonly field: string;

  constructor(code: MockConfigError['code'], field: string, message: string) {
    super(message);
    this.name = 'MockConfigError';
    this.code = code;
    this.field = field;
    Object.defineProperty(this, BRAND, { value: true });
  }
}
