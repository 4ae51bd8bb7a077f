import { execFile } from 'node:child_process';

/** Runs the `switchyard` CLI as a user would, returning its exit code and output. */
export function runSwitchyardCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['registry/bin/switchyard.js', ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
