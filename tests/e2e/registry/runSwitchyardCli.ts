import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `switchyard` command, found from this file so the test runs from any working directory. */
const cliPath = fileURLToPath(new URL('../../../registry/bin/switchyard.js', import.meta.url));

/** What one run of the CLI printed and exited with. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `switchyard <args>` as a user would, with `env` added to this process's environment; never rejects. */
export function runSwitchyardCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
