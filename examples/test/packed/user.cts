// The CommonJS side: `import x = require()` of the ES module packages.
import core = require('@rolecall/core');
import credentials = require('@rolecall/core/credentials');

const client: core.AwsClient = core.createClient({ region: 'eu-west-1' });
const provider: credentials.MemoizedProvider = credentials.defaultCredentials();
void client.close();
void provider;
