/**
 * The loopback server could not listen because another process holds the
 * port. It carries the same brand as `@rolecall/core`'s `RolecallError`
 * (`Symbol.for('rolecall.core.error')`), so `instanceof RolecallError` holds
 * without the mock depending on the core (docs/decisions/0002).
 */

const BRAND = Symbol.for('rolecall.core.error');

/** `startMockServer` could not bind: the port is taken. @public */
export class PortInUseError extends Error {
  /** Stable, machine-readable. */
  readonly code = 'ERR_ROLECALL_PORT_IN_USE';
  readonly port: number;
  readonly host: string;

  constructor(port: number, host: string, options?: { cause?: unknown }) {
    super(
      `port ${port} on ${host} is in use: pass --port 0 for a free one or stop the other process`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'PortInUseError';
    this.port = port;
    this.host = host;
    Object.defineProperty(this, BRAND, { value: true });
  }
}
