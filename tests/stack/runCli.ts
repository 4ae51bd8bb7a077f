import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serviceCommands } from './serviceCommands';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** What one run of the CLI printed and exited with. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `switchyard <args>` as a user would, from the repository root (relative paths in `args` resolve there), with
 * `env` added to this process's environment. Never rejects: a failure is its exit code and output.
 */
export function runSwitchyardCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...serviceCommands.switchyard, ...args],
      { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
