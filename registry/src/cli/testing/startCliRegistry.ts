import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config';
import { createRegistry, type Registry } from '../../createRegistry';
import type { CliIo } from '../Command';
import { runCli } from '../runCli';

/** What one in-process CLI run printed and exited with. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A registry for CLI tests, and the CLI run in-process against it. */
export interface CliRegistry {
  readonly registry: Registry;
  /** A temporary directory the CLI runs in, for schema and manifest files; `close` removes it. */
  readonly directory: string;
  /** Runs the CLI as `adminToken` on graph `shop`; `env` adds or overrides its environment. */
  run(argv: string[], env?: Record<string, string>): Promise<CliRun>;
  close(): Promise<void>;
}

/**
 * Starts a registry in memory (PGlite) on a free loopback port with `adminToken` as its admin token and `settings`
 * added to its environment, for tests that drive the `switchyard` CLI in-process.
 */
export async function startCliRegistry(options: {
  adminToken: string;
  settings?: Record<string, string>;
}): Promise<CliRegistry> {
  const directory = await mkdtemp(join(tmpdir(), 'switchyard-cli-'));
  const registry = await createRegistry(
    loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: 'memory://',
      SWITCHYARD_ADMIN_TOKEN: options.adminToken,
      LOG_LEVEL: 'silent',
      ...options.settings,
    }),
  );
  await registry.listen(0);
  return {
    registry,
    directory,
    async run(argv, env = {}) {
      const stdout: string[] = [];
      const stderr: string[] = [];
      const io: CliIo = {
        stdout: (text) => stdout.push(text),
        stderr: (text) => stderr.push(text),
        env: {
          SWITCHYARD_REGISTRY: registry.url,
          SWITCHYARD_TOKEN: options.adminToken,
          SWITCHYARD_GRAPH: 'shop',
          ...env,
        },
        cwd: directory,
      };
      const code = await runCli(argv, io);
      return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
    },
    async close() {
      await registry.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
