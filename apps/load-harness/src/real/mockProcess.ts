/**
 * Entry point of the mock's own process in a sharded real run (forked with an
 * IPC channel): builds the mock from the config it is sent, serves it on a
 * loopback port, answers with the URL and a user to sign with, and on `stop`
 * reports the CPU it used since `start` and exits. Not part of the API.
 * @internal
 */
import { createMockAws, startMockServer, type MockConfig } from '@rolecall/mock-aws';

/** Messages from the runner. @internal */
export type MockProcessRequest = { readonly type: 'config'; readonly config: MockConfig } | { readonly type: 'start' } | { readonly type: 'stop' };
/** Messages to the runner. @internal */
export type MockProcessReply =
  | { readonly type: 'ready'; readonly url: string; readonly user: { readonly accessKeyId: string; readonly secretAccessKey: string } }
  | { readonly type: 'stopped'; readonly cpuMs: number; readonly wallMs: number };

const send = (reply: MockProcessReply): void => {
  process.send?.(reply);
};

let close: (() => Promise<void>) | undefined;
let cpu0 = process.cpuUsage();
let wall0 = performance.now();
process.on('message', (message: MockProcessRequest) => {
  void (async () => {
    if (message.type === 'config') {
      const mock = createMockAws(message.config, { clockMode: 'real', journalLimit: 1000 });
      const server = await startMockServer(mock, { port: 0 });
      close = () => server.close();
      const user = mock.config.users[0];
      if (user === undefined) throw new Error('the mock has no IAM user to sign with');
      send({ type: 'ready', url: server.url, user: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey } });
    } else if (message.type === 'start') {
      cpu0 = process.cpuUsage();
      wall0 = performance.now();
    } else {
      const cpu = process.cpuUsage(cpu0);
      const wallMs = performance.now() - wall0;
      await close?.();
      send({ type: 'stopped', cpuMs: (cpu.user + cpu.system) / 1000, wallMs });
      process.disconnect();
    }
  })();
});
