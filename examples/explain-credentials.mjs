// Why these credentials (or none): every provider of the chain in order, with
// its outcome and reason, and the region with its source; the object
// `rolecall explain --json` prints. Exit 0 resolved, 2 not.
import { explainCredentials } from '@rolecall/core';

const why = await explainCredentials();        // the `rolecall explain --json` object
for (const step of why.credentials.trace) console.log(`${step.provider.padEnd(13)} ${step.outcome.padEnd(8)} ${step.reason}`);
console.log(`source: ${why.credentials.source ?? 'none'}, region: ${why.region.value} (${why.region.source})`);
if (!why.credentials.ok) process.exitCode = 2;
