export { createKeyStore } from './domain/KeyStore.js';
export type { Identity, IdentityKind, IssuedKey, KeyStore } from './domain/KeyStore.js';
export { seededRandom } from './domain/random.js';
export type { Random } from './domain/random.js';
export type { MockService, MockRequest, MockResponse, Delivery, JournalEntry } from './domain/MockRequest.js';
export type {
  MockConfig, ResolvedMockConfig, MockUser, MockRole, MockInstance, MockContainer, ThrottleSpec, FaultRule, FaultPlan,
} from './domain/MockConfig.js';

// ---- fronts: MSW handlers, loopback node:http server, in-process undici Dispatcher (mock-fronts) ----
/** MSW 2 handlers answering IMDS, STS and container origins from a mock. @public */
export { handlers, DEFAULT_BASE_URLS } from './handlers/handlers.js';
export type { MockHandlersOptions } from './handlers/handlers.js';
/** The loopback `node:http` server for real tools, benchmarks and `rolecall mock`. @public */
export { startMockServer } from './server/startMockServer.js';
export type { MockServer, MockServerOptions } from './server/startMockServer.js';
/** Thrown by `startMockServer` when the port is taken. @public */
export { PortInUseError } from './server/PortInUseError.js';
/** An undici Dispatcher answering from the mock in-process, with no socket. @public */
export { mockDispatcher } from './dispatcher/mockDispatcher.js';
export type { MockDispatcherOptions } from './dispatcher/mockDispatcher.js';
/** Raised by `mockDispatcher` for an origin outside its `origins` option. @public */
export { UnmockedOriginError } from './dispatcher/UnmockedOriginError.js';
