import { spawn } from 'node:child_process';

/** A finished child process. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command args` in a fresh process with exactly `env` (plus PATH); this process's env is untouched. */
export function runProcess(command: string, args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A spawned `rolecall mock --port 0` and its URL (from its first stdout line). */
export interface SpawnedMock {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts `node bin/rolecall.js mock --port 0 [args]` in a fresh process, as a user does. */
export async function spawnRolecallMock(bin: string, home: string, args: readonly string[] = []): Promise<SpawnedMock> {
  const child = spawn(process.execPath, [bin, 'mock', '--port', '0', ...args], { env: { PATH: process.env['PATH'] ?? '', HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^listening (http:\/\/\S+)\n/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`rolecall mock exited with ${code}`)));
  });
  return {
    url,
    close: async () => {
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      await closed;
    },
  };
}
