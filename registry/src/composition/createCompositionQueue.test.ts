import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCompositionQueue } from './createCompositionQueue';

/** A stand-in for the worker pool: each task runs until the test finishes it or its signal aborts. */
function createFakePool() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  return {
    started,
    finish: (task: string) => finish.get(task)?.(),
    run: (task: string, signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        started.push(task);
        finish.set(task, () => resolve(`${task} composed`));
        signal.addEventListener('abort', () => reject(new DOMException(`${task} stopped`, 'AbortError')));
      }),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createCompositionQueue', () => {
  it('starts the time limit when a task starts, not while it waits behind another', async () => {
    const pool = createFakePool();
    const run = createCompositionQueue({ concurrency: 1, timeoutMs: 1000, run: pool.run });
    const first = run('first');
    const second = run('second');
    const secondSettled = second.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(pool.started).toEqual(['first']);

    // The first composes for 900 ms, the second waits all that time.
    await vi.advanceTimersByTimeAsync(900);
    pool.finish('first');
    await expect(first).resolves.toBe('first composed');
    await vi.advanceTimersByTimeAsync(0);
    expect(pool.started).toEqual(['first', 'second']);

    // 1,899 ms after it was queued but 999 ms after it started, the second still runs; at 1,000 ms it is stopped.
    await vi.advanceTimersByTimeAsync(999);
    let settled = false;
    void secondSettled.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await secondSettled).toEqual({ error: expect.objectContaining({ name: 'AbortError' }) });
  });

  it('runs up to its concurrency at once, and a stopped task frees its slot', async () => {
    const pool = createFakePool();
    const run = createCompositionQueue({ concurrency: 2, timeoutMs: 1000, run: pool.run });
    const tasks = ['a', 'b', 'c', 'd'].map((task) => run(task).catch((error: unknown) => error));
    await vi.advanceTimersByTimeAsync(0);
    expect(pool.started).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(500);
    pool.finish('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(pool.started).toEqual(['a', 'b', 'c']);
    // b times out (c, started 500 ms later, still runs): d takes b's slot, and a caller arriving now waits.
    await vi.advanceTimersByTimeAsync(500);
    expect(pool.started).toEqual(['a', 'b', 'c', 'd']);
    const late = run('late');
    await vi.advanceTimersByTimeAsync(0);
    expect(pool.started).toHaveLength(4);
    pool.finish('d');
    await vi.advanceTimersByTimeAsync(0);
    expect(pool.started).toEqual(['a', 'b', 'c', 'd', 'late']);
    pool.finish('c');
    pool.finish('late');
    expect(await Promise.all([...tasks, late])).toEqual([
      'a composed',
      expect.objectContaining({ name: 'AbortError' }),
      'c composed',
      'd composed',
      'late composed',
    ]);
  });
});
