#!/usr/bin/env node
// The `rolecall` binary (decision 0076). CommonJS on purpose (bin/package.json):
// a fresh process that goes through Node's ES module loader pays a few ms more.
// whoami, explain and imds run from dist/rolecall.cjs, one file compiled
// through a V8 code cache kept under ~/.cache/rolecall (NODE_DISABLE_COMPILE_CACHE=1
// turns it off); mock, load and demo are ES modules imported from dist/commands/.
'use strict';
const { join } = require('node:path');
const { requireWithCompileCache } = require('../dist/compileCache.cjs');

const CACHED_WORKLOADS = ['whoami', 'explain', 'imds'];
const command = process.argv[2];
const { exports: binary } = requireWithCompileCache(join(__dirname, '..', 'dist', 'rolecall.cjs'), {
  env: process.env,
  workload: CACHED_WORKLOADS.includes(command) ? command : 'other',
});
binary.run((name) => import(`../dist/commands/${name}.js`).then((module) => module[name]));
