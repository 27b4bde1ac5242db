// Fresh processes, as users run them: a `rolecall mock --port 0` of its own
// (faults injected over its /_mock/ API) and `node` children with an env built
// here (this process's env is never written). Not part of the package.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { JournalEntry } from '@rolecall/mock-aws';

export const BIN = fileURLToPath(new URL('../../bin/rolecall.js', import.meta.url));
/** The built core, imported by path: a script in a temp directory has no node_modules to resolve the package from. */
export const CORE_DIST = fileURLToPath(new URL('../../../../packages/core/dist/index.js', import.meta.url));
/** {@link CORE_DIST} as an ES module specifier. */
export const CORE_URL = pathToFileURL(CORE_DIST).href;
/** The mock's default user (AWS's documented example keys). */
export const ALICE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } as const;

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node args...` to its end with exactly `env` (plus PATH). */
export function node(args: readonly string[], env: Readonly<Record<string, string>>, cwd?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...(cwd === undefined ? {} : { cwd }) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RealMock {
  readonly url: string;
  /** Replaces the fault plan (`POST /_mock/faults`). */
  faults(plan: unknown): Promise<void>;
  /** Back to the configured state, journal emptied (`POST /_mock/reset`). */
  reset(): Promise<void>;
  journal(): Promise<JournalEntry[]>;
  close(): Promise<void>;
}

/** Spawns `node bin/rolecall.js mock --port 0` and waits for its `listening http://HOST:PORT` line. */
export function startRealMock(home: string): Promise<RealMock> {
  const child = spawn(process.execPath, [BIN, 'mock', '--port', '0'], { env: { PATH: process.env['PATH'] ?? '', HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`rolecall mock exited with ${code} before listening: ${err}`)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /^listening (http:\/\/\S+)\n/.exec(out);
      if (match === null) return;
      const url = match[1] ?? '';
      const post = async (path: string, body: unknown): Promise<void> => {
        const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
      };
      resolve({
        url,
        faults: (plan) => post('/_mock/faults', plan),
        reset: () => post('/_mock/reset', {}),
        journal: async () => (await (await fetch(`${url}/_mock/journal`)).json()) as JournalEntry[],
        async close() {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

/** A loopback port nothing listens on (bound, then closed): connecting to it is refused. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** What {@link useRealMock} sets up for a test file; read it inside tests (it is filled in `beforeAll`). */
export interface RealMockFixture {
  readonly mock: RealMock;
  /** A temp directory holding the scripts. */
  readonly dir: string;
  /** An empty HOME for the children. */
  readonly home: string;
}

/**
 * For one test file: a temp directory with `scripts` written into it, an
 * empty HOME, one spawned `rolecall mock --port 0`, reset before each test;
 * all removed after the file.
 */
export function useRealMock(scripts: Readonly<Record<string, string>> = {}): RealMockFixture {
  const fixture: { mock?: RealMock; dir?: string; home?: string } = {};
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-real-'));
    fixture.dir = dir;
    fixture.home = join(dir, 'home');
    for (const [name, text] of Object.entries(scripts)) await writeFile(join(dir, name), text);
    fixture.mock = await startRealMock(fixture.home);
  });
  afterAll(async () => {
    await fixture.mock?.close();
    if (fixture.dir !== undefined) await rm(fixture.dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await fixture.mock?.reset();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`useRealMock: ${name} is set up in beforeAll; read it inside a test`);
    return value;
  };
  return {
    get mock() {
      return ready(fixture.mock, 'mock');
    },
    get dir() {
      return ready(fixture.dir, 'dir');
    },
    get home() {
      return ready(fixture.home, 'home');
    },
  };
}
