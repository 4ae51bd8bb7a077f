import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { createFileSupergraphSource, supergraphIdOf } from './createFileSupergraphSource';
import type { SupergraphUpdate } from './source';

/** The updates a source reports through `onUpdate`; `reported(n)` resolves once there are `n` of them. */
function collectUpdates() {
  const updates: SupergraphUpdate[] = [];
  const waiters = new Set<{ count: number; resolve(): void }>();
  const onUpdate = (update: SupergraphUpdate) => {
    updates.push(update);
    for (const waiter of waiters) {
      if (updates.length < waiter.count) continue;
      waiters.delete(waiter);
      waiter.resolve();
    }
  };
  const reported = (count: number) =>
    updates.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.add({ count, resolve }));
  return { updates, onUpdate, reported };
}

describe('createFileSupergraphSource', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'file-source-'));
    path = join(dir, 'supergraph.graphql');
    await writeFile(path, 'v1');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts with the file and its hash, then reports in-place writes and atomic replacements', async () => {
    const source = createFileSupergraphSource({ path, logger: createLogger('silent'), debounceMs: 20 });
    const { updates, onUpdate, reported } = collectUpdates();
    const first = await source.start(onUpdate);
    expect(first).toEqual({ sdl: 'v1', id: supergraphIdOf('v1') });

    await writeFile(path, 'v2');
    await reported(1);
    await writeFile(join(dir, 'next.tmp'), 'v3');
    await rename(join(dir, 'next.tmp'), path);
    await reported(2);
    await source.stop();
    expect(updates.map((update) => update.sdl)).toEqual(['v2', 'v3']);
    expect(updates[1]?.id).toBe(supergraphIdOf('v3'));
  });

  it('debounces bursts and ignores saves that do not change the content', async () => {
    const source = createFileSupergraphSource({ path, logger: createLogger('silent'), debounceMs: 150 });
    const { updates, onUpdate, reported } = collectUpdates();
    await source.start(onUpdate);
    await writeFile(path, 'v1');
    for (const text of ['a', 'ab', 'abc']) await writeFile(path, text);
    await reported(1);
    // A later save shows whether the burst reported anything else before it.
    await writeFile(path, 'end');
    await reported(2);
    await source.stop();
    expect(updates.map((update) => update.sdl)).toEqual(['abc', 'end']);
  });

  it('fails to start when the file is missing', async () => {
    const source = createFileSupergraphSource({ path: join(dir, 'missing.graphql'), logger: createLogger('silent') });
    await expect(source.start(() => {})).rejects.toThrow(/ENOENT/);
  });
});
