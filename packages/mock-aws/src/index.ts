export { createKeyStore } from './domain/KeyStore.js';
export type { Identity, IdentityKind, IssuedKey, KeyStore } from './domain/KeyStore.js';
export { seededRandom } from './domain/random.js';
export type { Random } from './domain/random.js';
export type { MockService, MockRequest, MockResponse, Delivery, JournalEntry } from './domain/MockRequest.js';
export type {
  MockConfig, ResolvedMockConfig, MockUser, MockRole, MockInstance, MockContainer, ThrottleSpec, FaultRule, FaultPlan,
} from './domain/MockConfig.js';
