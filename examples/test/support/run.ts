// Fresh processes, as a user starts them: a command with its own environment
// (never this process's, apart from PATH), its output collected, its exit code.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

/** Runs `command args` to completion; `env` is the child's whole environment besides PATH. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { PATH: process.env['PATH'] ?? '', ...options.env },
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A `rolecall mock --port 0` in its own process. */
export interface RolecallMock {
  /** `http://HOST:PORT` from its first line. */
  readonly url: string;
  /** The variables of its `export NAME=VALUE` lines. */
  readonly exports: Readonly<Record<string, string>>;
  /** `POST /_mock/<route>` with a JSON body; rejects unless the mock answers 200. */
  control(route: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts `node BIN mock --port 0` and reads the `listening` line and the export lines it prints first. */
export async function startRolecallMock(bin: string): Promise<RolecallMock> {
  const child = spawn(process.execPath, [bin, 'mock', '--port', '0'], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let url: string | undefined;
  const exports: Record<string, string> = {};
  // Lines keep being read after the container token line (the last one today),
  // so an export added later still lands in `exports`.
  const ready = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const listening = /^listening (http:\/\/\S+)$/.exec(line);
      const exported = /^export ([A-Z0-9_]+)=(\S+)$/.exec(line);
      if (url === undefined) {
        if (listening === null) reject(new Error(`rolecall mock printed ${JSON.stringify(line)} first, not "listening http://HOST:PORT"`));
        else url = listening[1]!;
      } else if (exported !== null) {
        exports[exported[1]!] = exported[2]!;
        if (exported[1] === 'AWS_CONTAINER_AUTHORIZATION_TOKEN') resolve(url);
      }
    });
    child.on('exit', (code) => reject(new Error(`rolecall mock exited (${code}) before printing its exports: ${stderr}`)));
  });
  let base: string;
  try {
    base = await ready;
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    url: base,
    exports,
    async control(route, body) {
      const response = await fetch(new URL(`/_mock/${route}`, base), { method: 'POST', body: JSON.stringify(body ?? {}), headers: { 'content-type': 'application/json' } });
      const answer: unknown = await response.json();
      if (response.status !== 200) throw new Error(`POST /_mock/${route} answered ${response.status}: ${JSON.stringify(answer)}`);
      return answer;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
