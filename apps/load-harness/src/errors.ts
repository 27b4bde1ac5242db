import { RolecallError } from '@rolecall/core';

/** A harness option, scenario or threshold file was invalid. @public */
export class HarnessOptionError extends RolecallError {
  /** The option at fault, e.g. `strategies`, `clients`, `thresholds`. */
  readonly option: string;
  constructor(option: string, message: string) {
    super('ERR_ROLECALL_HARNESS_OPTION', message);
    this.name = 'HarnessOptionError';
    this.option = option;
  }
}

/** A CI threshold was breached. @public */
export class ThresholdBreachedError extends RolecallError {
  readonly breaches: readonly string[];
  constructor(breaches: readonly string[]) {
    super('ERR_ROLECALL_LOAD_THRESHOLD', `Load test thresholds breached:\n${breaches.map((b) => `  - ${b}`).join('\n')}`);
    this.name = 'ThresholdBreachedError';
    this.breaches = breaches;
  }
}
