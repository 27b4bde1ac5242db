import { spawn } from 'node:child_process';
import { runProcess, type Run } from './realProcess.js';

export { runProcess, type Run };

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
