export { systemClock, sleep, createVirtualClock } from './time/clock.js';
export type { Clock, CancelTimer, VirtualClock } from './time/clock.js';
export { systemRandom, seededRandom } from './random/random.js';
export type { Random } from './random/random.js';
export { maskAccessKeyId } from './credentials/Credentials.js';
export type { Credentials, CredentialSource, Provider } from './credentials/Credentials.js';
export type { Env } from './config/Env.js';
export { RolecallError, InvalidOptionError } from './errors.js';
export type { ErrorClass, RetryErrorInfo, RetryToken, RetryStrategy, RetryEnvironment } from './retry/types.js';
