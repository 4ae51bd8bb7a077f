import type { ServiceProcess } from '../../stack/processes';

/** Prefix of the line a benchmark child prints on stdout once it serves, followed by JSON. */
export const READY_PREFIX = 'BENCH_READY ';

/** Prints the ready line with `value` as JSON (in a child process). */
export function announceReady(value: unknown): void {
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(value)}\n`);
}

/** Resolves with the JSON of the child's ready line; rejects when it exits first or `timeoutMs` passes. */
export function waitForReadyLine<T>(service: ServiceProcess, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let partial = '';
    const timer = setTimeout(() => finish(new Error(`${service.name} was not ready within ${timeoutMs / 1000} s`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      const line = lines.find((l) => l.startsWith(READY_PREFIX));
      if (line) finish(undefined, JSON.parse(line.slice(READY_PREFIX.length)) as T);
    };
    const onExit = () => finish(new Error(`${service.name} exited before it was ready`));
    function finish(error: Error | undefined, value?: T) {
      clearTimeout(timer);
      service.child.stdout?.off('data', onData);
      service.child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value as T);
    }
    service.child.stdout?.on('data', onData);
    service.child.once('exit', onExit);
  });
}
