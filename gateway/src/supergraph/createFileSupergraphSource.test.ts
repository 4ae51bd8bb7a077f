import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { createFileSupergraphSource, supergraphIdOf } from './createFileSupergraphSource';
import type { SupergraphUpdate } from './source';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await sleep(20);
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
    const updates: SupergraphUpdate[] = [];
    const first = await source.start((update) => updates.push(update));
    expect(first).toEqual({ sdl: 'v1', id: supergraphIdOf('v1') });

    await writeFile(path, 'v2');
    await until(() => updates.length === 1);
    await writeFile(join(dir, 'next.tmp'), 'v3');
    await rename(join(dir, 'next.tmp'), path);
    await until(() => updates.length === 2);
    await source.stop();
    expect(updates.map((update) => update.sdl)).toEqual(['v2', 'v3']);
    expect(updates[1]?.id).toBe(supergraphIdOf('v3'));
  });

  it('debounces bursts and ignores saves that do not change the content', async () => {
    const source = createFileSupergraphSource({ path, logger: createLogger('silent'), debounceMs: 150 });
    const updates: SupergraphUpdate[] = [];
    await source.start((update) => updates.push(update));
    await writeFile(path, 'v1');
    for (const text of ['a', 'ab', 'abc']) await writeFile(path, text);
    await sleep(600);
    await source.stop();
    expect(updates.map((update) => update.sdl)).toEqual(['abc']);
  });

  it('fails to start when the file is missing', async () => {
    const source = createFileSupergraphSource({ path: join(dir, 'missing.graphql'), logger: createLogger('silent') });
    await expect(source.start(() => {})).rejects.toThrow(/ENOENT/);
  });
});
