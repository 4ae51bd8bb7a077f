import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

const COLORS = [36, 33, 35, 32, 34, 31];

/** Starts one service as a child process, prefixing each line of its output with its name. */
export function startProcess(name: string, args: string[], env: Record<string, string>, index: number): ServiceProcess {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `\x1b[${COLORS[index % COLORS.length]}m${name.padEnd(9)}\x1b[0m│ `;
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, exited };
}

/** Polls `url` until it answers 200, failing early if the process exits or the deadline passes. */
export async function waitUntilHealthy(service: ServiceProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void service.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${service.name} exited before it became healthy`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${service.name} was not healthy at ${url} within ${timeoutMs / 1000} s`);
}

/** Sends SIGTERM to every child, waits for them to drain and exit, then SIGKILLs any still running. */
export async function stopAll(services: ServiceProcess[], graceMs = 15_000): Promise<void> {
  for (const { child } of services) if (child.exitCode === null) child.kill('SIGTERM');
  const timeout = sleep(graceMs).then(() => 'timeout' as const);
  const all = Promise.all(services.map((s) => s.exited));
  if ((await Promise.race([all, timeout])) === 'timeout') {
    for (const { child } of services) if (child.exitCode === null) child.kill('SIGKILL');
  }
}
