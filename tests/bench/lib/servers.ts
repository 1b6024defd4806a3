import { fork, type ChildProcess } from 'node:child_process';

/** What a benchmark server process sends its parent once it listens. */
export interface ReadyMessage {
  type: 'ready';
  port: number;
}

export interface ServerProcess {
  name: string;
  url: string;
  /** CPU time the server process has used so far, in microseconds (user + system). */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

type CpuMessage = { type: 'cpu'; micros: number };

/**
 * Runs a server module in its own Node process (through tsx), so the load
 * generator and the server under test do not share an event loop.
 */
export async function startServerProcess(
  name: string,
  modulePath: string,
  env: Record<string, string>,
  options: { startTimeoutMs?: number; nodeArgs?: string[] } = {}
): Promise<ServerProcess> {
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const child: ChildProcess = fork(modulePath, [], {
    // nodeArgs: e.g. --cpu-prof, to see where a server spends its time under load.
    execArgv: ['--import', 'tsx', ...(options.nodeArgs ?? [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${startTimeoutMs} ms`)), startTimeoutMs);
    child.once('message', (message: ReadyMessage) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited during start-up (code ${code})`));
    });
  });
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    cpuMicros() {
      return new Promise((resolve) => {
        const onMessage = (message: CpuMessage) => {
          if (message?.type !== 'cpu') return;
          child.off('message', onMessage);
          resolve(message.micros);
        };
        child.on('message', onMessage);
        child.send({ type: 'cpu' });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
}

/** For server modules: tells the parent the port, and closes cleanly on SIGTERM. */
export function reportReady(port: number, close: () => Promise<void>): void {
  process.send?.({ type: 'ready', port } satisfies ReadyMessage);
  process.on('message', (message: { type?: string }) => {
    if (message?.type !== 'cpu') return;
    const usage = process.cpuUsage();
    process.send?.({ type: 'cpu', micros: usage.user + usage.system } satisfies CpuMessage);
  });
  let closing = false;
  process.on('SIGTERM', () => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      }
    );
  });
  // The parent died without stopping us: do not linger.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
