#!/usr/bin/env node
// The `rolecall` binary: Node's compile cache on (a per-user directory, see
// src/compileCache.ts; NODE_DISABLE_COMPILE_CACHE=1 turns it off), then the
// CLI's ES modules, each command loaded on first use (decision 0122).
import { enableCompileCache } from '../dist/compileCache.js';

enableCompileCache(process.env);
import('../dist/main.js')
  .then(({ main }) => main({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`rolecall: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
