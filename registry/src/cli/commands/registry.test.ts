import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { switchyardFromSource } from '../../testing/sourceEntry';

let dataDir: string | undefined;

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('switchyard registry serve', () => {
  it('starts the registry on --port, answers /health, and exits 0 on SIGTERM', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'switchyard-serve-'));
    const child = spawn(process.execPath, [...switchyardFromSource, 'registry', 'serve', '--port', '0'], {
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        SWITCHYARD_ADMIN_TOKEN: 'serve-test-admin-token',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const url = await new Promise<string>((found, failed) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
        if (match?.[1]) found(match[1]);
      });
      child.once('exit', (code) => failed(new Error(`registry serve exited with ${code}:\n${output}`)));
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

    expect((await fetch(`${url}/health`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(
      await exited,
      'after a graceful SIGTERM shutdown the registry must exit 0; Apollo Server re-raises SIGTERM (exit by signal) unless created with stopOnTerminationSignals: false',
    ).toBe(0);
    expect(output).toContain('"msg":"shutting down"');
    // A child process compiling and migrating on a loaded 2-core machine can take most of a minute.
  }, 120_000);

  it('rejects a port that is not a number as a usage error', async () => {
    const child = spawn(process.execPath, [...switchyardFromSource, 'registry', 'serve', '--port', 'http'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((done) => child.once('exit', (exitCode) => done(exitCode)));
    expect(code).toBe(2);
    expect(stderr).toContain('error: --port must be a whole number, got "http".');
  });
});
