import { runCli } from './runCli';

// The CLI's entry point (loaded by bin/switchyard.js): wires the real process streams into `runCli`.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  cwd: process.cwd(),
});
