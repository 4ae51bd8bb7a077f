import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const registryRoot = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(registryRoot, '..', 'node_modules', '.bin', 'tsx');

interface Started {
  child: ChildProcess;
  url: string;
  stdout: () => string;
}

/** Starts `src/main.ts` as its own process and waits for its "listening" log line. */
function startMain(env: Record<string, string>): Promise<Started> {
  const child = spawn(tsx, ['--conditions=@switchyard/source', 'src/main.ts'], {
    cwd: registryRoot,
    env: { ...process.env, CI: '', DATABASE_URL: '', SWITCHYARD_ADMIN_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/"url":"(http:\/\/[^"]+)"/);
      if (match?.[1]) {
        resolve({ child, url: match[1], stdout: () => output });
      }
    });
    // No timer of its own: the test's timeout bounds the wait for the child's "url" line.
    child.once('exit', (code) => {
      reject(new Error(`registry exited with ${code}:\n${output}\n${errors}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('serveRegistry (src/main.ts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-serve-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints a generated admin token once, serves, and exits 0 on SIGTERM', async () => {
    const env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    const first = await startMain(env);
    const token = first.stdout().match(/\b(sy_[A-Za-z0-9_-]{43})\b/)?.[1];
    expect(token).toBeDefined();
    expect((await fetch(`${first.url}/health`)).status).toBe(200);
    const tokens = await fetch(`${first.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ tokens { scope } }' }),
    });
    expect(await tokens.json()).toEqual({ data: { tokens: [{ scope: 'ADMIN' }] } });
    expect(await stop(first.child)).toBe(0);

    const second = await startMain(env);
    expect(second.stdout()).not.toMatch(/sy_[A-Za-z0-9_-]{43}/);
    expect(await stop(second.child)).toBe(0);
    // Two cold process starts, the first initialising PGlite on disk: slow on a loaded machine.
  }, 120_000);

  it('exits 1 listing every bad setting', async () => {
    const child = spawn(tsx, ['--conditions=@switchyard/source', 'src/main.ts'], {
      cwd: registryRoot,
      env: { ...process.env, PORT: 'x', MAX_BODY_BYTES: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(errors).toContain('PORT');
    expect(errors).toContain('MAX_BODY_BYTES');
  });
});
