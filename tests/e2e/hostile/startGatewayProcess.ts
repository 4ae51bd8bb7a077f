import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../../bench/gateway/startGateways';
import { serviceCommands } from '../../stack/serviceCommands';

/** A `switchyard-gateway` child process, its port, and what it logged at error level or above. */
export interface GatewayProcess {
  port: number;
  url: string;
  child: ChildProcess;
  /** Log lines at `error` or `fatal` (pino levels 50, 60): a client mistake must never log there. */
  errorLogs: string[];
  /** Resident and peak resident memory (`VmRSS`, `VmHWM`) in bytes, from procfs (Linux). */
  memory(): { rss: number; peak: number };
  stop(): Promise<void>;
}

/**
 * Starts the gateway (from source, as the rest of the suite runs) with `env` (LOG_LEVEL at most info) on a free
 * loopback port and resolves once it logs "gateway ready", so the suite
 * measures the gateway's own process (its RSS, its crash) rather than the test runner's.
 */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, serviceCommands.gateway, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errorLogs: string[] = [];
  let partial = '';
  let onReady: (() => void) | undefined;
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (/"level":(5|6)\d/.test(line)) errorLogs.push(line.slice(0, 2000));
      if (line.includes('"msg":"gateway ready"')) onReady?.();
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => errorLogs.push(chunk.toString().slice(0, 2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Waits on the gateway's own "gateway ready" line (it logs it at info), bounded by the caller's hook timeout.
  await new Promise<void>((resolve, reject) => {
    onReady = resolve;
    void exited.then(() => reject(new Error(`the gateway exited at start: ${errorLogs.join('\n')}`)));
  });
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    child,
    errorLogs,
    memory() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const bytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
      return { rss: bytes('VmRSS'), peak: bytes('VmHWM') };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
