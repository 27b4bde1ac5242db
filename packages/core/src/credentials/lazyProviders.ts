/**
 * The build entry of `dist/chunks/providers.js` (not a public module): the
 * providers the default chain reaches only sometimes, loaded on first use by
 * `@rolecall/core/credentials` (rolldown.config.mjs, docs/decisions/0069).
 */
export { fromWebIdentity } from './fromWebIdentity.js';
export { fromContainer } from './fromContainer.js';
export { fromInstanceMetadata } from './fromInstanceMetadata.js';
export { fromProcess } from './fromProcess.js';
export { createDefaultSts } from './stsForCredentials.js';
export { createImdsClient } from '../imds/createImdsClient.js';
