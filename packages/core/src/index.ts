export { systemClock, sleep, createVirtualClock } from './time/clock.js';
export type { Clock, CancelTimer, VirtualClock } from './time/clock.js';
export { systemRandom, seededRandom } from './random/random.js';
export type { Random } from './random/random.js';
export { maskAccessKeyId } from './credentials/Credentials.js';
export type { Credentials, CredentialSource, Provider } from './credentials/Credentials.js';
export type { Env } from './config/Env.js';
export { RolecallError, InvalidOptionError } from './errors.js';
export type { ErrorClass, RetryErrorInfo, RetryToken, RetryStrategy, RetryEnvironment } from './retry/types.js';

// ---- credentials chain, shared config files, IMDS client --------------------
// Providers are `(options) => Provider<Credentials>`; each side effect (env, fs,
// home dir, clock, random, dispatcher, exec) is an option with a real default.
export {
  ProfileFileParseError,
  ProfileNotFoundError,
  ProfileConfigError,
  ImdsError,
  ImdsV1ForbiddenError,
  CredentialsUnavailableError,
} from './errors.js';
export type { CredentialsTraceStep } from './errors.js';
export { parseProfileFile } from './config/parseProfileFile.js';
export type { ParsedProfileFile, ProfileFileIssue, ProfileFileKind, SettingOrigin } from './config/parseProfileFile.js';
export { loadSharedConfig, mergeSharedConfig, resolveConfigFiles, resolveProfileName } from './config/loadSharedConfig.js';
export type { ConfigFileLocations, ProfileData, ReadFileFs, SharedConfig, SharedConfigOptions } from './config/loadSharedConfig.js';
// ---- end credentials block ---------------------------------------------------
