/** What the queue runs: one task, stopped through `signal` when its time is up. */
export type TimedRun<Task, Result> = (task: Task, signal: AbortSignal) => Promise<Result>;

/**
 * Runs at most `concurrency` tasks at once, the rest waiting in order, and gives each one `timeoutMs` from the moment
 * it starts: a publish queued behind another's composition is not charged for the wait (COMPOSITION_TIMEOUT_MS limits
 * composing, not the queue). When the time is up, `signal` aborts and the task's promise settles however `run`
 * settles it (Piscina terminates the worker and rejects with an `AbortError`). Handing the pool no more tasks than it
 * has threads means a task that starts here starts in a worker.
 */
export function createCompositionQueue<Task, Result>(options: {
  concurrency: number;
  timeoutMs: number;
  run: TimedRun<Task, Result>;
}): (task: Task) => Promise<Result> {
  let running = 0;
  const waiting: (() => void)[] = [];

  async function start(task: Task): Promise<Result> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      return await options.run(task, controller.signal);
    } finally {
      clearTimeout(timer);
      // The slot passes straight to the next task waiting, so a caller arriving meanwhile cannot take it too.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  }

  return async (task) => {
    if (running < options.concurrency) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    return start(task);
  };
}
