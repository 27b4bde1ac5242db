export { createKeyStore } from './domain/KeyStore.js';
export type { Identity, IdentityKind, IssuedKey, KeyStore } from './domain/KeyStore.js';
export { seededRandom } from './domain/random.js';
export type { Random } from './domain/random.js';
export type { MockService, MockRequest, MockResponse, Delivery, JournalEntry } from './domain/MockRequest.js';
export type {
  MockConfig, ResolvedMockConfig, MockUser, MockRole, MockInstance, MockContainer, ThrottleSpec, FaultRule, FaultPlan,
} from './domain/MockConfig.js';

// ---- domain core: createMockAws, config, IMDS, container, throttles, faults, journal, control API (mock-core) ----
/** The fake AWS's domain core: one `handle(request)` for IMDS, container credentials, STS and `/_mock/`. @public */
export { createMockAws } from './domain/createMockAws.js';
export type { CreateMockAwsOptions, MockAwsCore } from './domain/createMockAws.js';
export type { MockAws, MockClock } from './domain/MockAws.js';
/** How the mock's clock moves: `virtual` (tests) or `real` (loopback, official tools). @public */
export type { ClockMode } from './domain/createMockClock.js';
/** Fills and checks a mock configuration; the defaults describe a realistic instance with a role. @public */
export { resolveConfig, DEFAULT_ACCOUNT, DEFAULT_START_TIME } from './domain/resolveConfig.js';
/** Checks a fault plan (the `POST /_mock/faults` body) and returns a normalized copy. @public */
export { validateFaultPlan } from './domain/validateFaultPlan.js';
/** JSON from outside read within a size and a nesting limit (control API bodies, `--config` files). @public */
export { parseJsonBounded, MAX_CONTROL_JSON_BYTES, MAX_JSON_DEPTH } from './domain/parseJsonBounded.js';
export type { BoundedJson } from './domain/parseJsonBounded.js';
/** The range the mock's clock may show (1970 to 9999). @public */
export { MIN_CLOCK_MS, MAX_CLOCK_MS } from './domain/createMockClock.js';
/** The default per-client IMDS bucket. @public */
export { DEFAULT_IMDS_THROTTLE } from './domain/resolveConfig.js';
/** Thrown for an invalid config or fault plan; `field` names the offending field. @public */
export { MockConfigError } from './domain/MockConfigError.js';

// ---- fronts: MSW handlers, loopback node:http server, in-process undici Dispatcher (mock-fronts) ----
/** MSW 2 handlers answering IMDS, STS and container origins from a mock. @public */
export { handlers, DEFAULT_BASE_URLS } from './handlers/handlers.js';
export type { MockHandlersOptions } from './handlers/handlers.js';
/** The loopback `node:http` server for real tools, benchmarks and `rolecall mock`. @public */
export { startMockServer } from './server/startMockServer.js';
export type { MockServer, MockServerOptions, MockServerTimeouts } from './server/startMockServer.js';
/** Thrown by `startMockServer` when the port is taken. @public */
export { PortInUseError } from './server/PortInUseError.js';
/** Thrown by `startMockServer` for a non-loopback host without `allowNonLoopback`. @public */
export { NonLoopbackHostError } from './server/NonLoopbackHostError.js';
/** An undici Dispatcher answering from the mock in-process, with no socket. @public */
export { mockDispatcher } from './dispatcher/mockDispatcher.js';
export type { MockDispatcherOptions } from './dispatcher/mockDispatcher.js';
/** Raised by `mockDispatcher` for an origin outside its `origins` option. @public */
export { UnmockedOriginError } from './dispatcher/UnmockedOriginError.js';

// ---- STS: Query protocol service, SigV4 verification, error XML (mock-sts) ----
/** The STS service the domain core calls for STS requests. @public */
export { createStsService } from './sts/createStsService.js';
export type { StsContext, StsResult, StsService } from './sts/StsService.js';
/** STS `ErrorResponse` XML (used by the core for `400 Throttling`). @public */
export { stsErrorResponse } from './sts/stsErrorResponse.js';
/** The `Action` of an STS request, cheaply, for throttling and fault matching. @public */
export { parseStsAction, MAX_STS_BODY_BYTES } from './sts/parseStsAction.js';
/** Independent SigV4 verification (header or presigned query) against the mock's keys. @public */
export { verifySigV4 } from './sts/verifySignature.js';
export type { VerifySigV4Options, SigV4Outcome } from './sts/verifySignature.js';
/** Unsigned JWTs that the mock's AssumeRoleWithWebIdentity accepts, for tests and demos. @public */
export { makeWebIdentityToken } from './sts/makeWebIdentityToken.js';
export type { WebIdentityTokenOptions } from './sts/makeWebIdentityToken.js';
/** Stable `AROA...` / `AIDA...` ids, so IMDS, container and STS sessions of one role agree. @public */
export { stsRoleId, stsUserId } from './sts/principalIds.js';
/** Every error code the mock's STS answers with. @public */
export { STS_ERROR_CODES } from './sts/StsError.js';
export type { StsErrorCode, StsError } from './sts/StsError.js';
