import { describe, expect, it } from 'vitest';
import type { CliIo } from './Command';
import { runCli } from './runCli';

/** Runs the CLI in-process with captured output and a fetch that must not be called. */
async function run(argv: string[], env: Record<string, string> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    env,
    cwd: '/nonexistent',
    fetch: () => Promise.reject(new Error('no request expected')),
  };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('runCli', () => {
  it('prints the command list on --help (exit 0) and on no arguments (exit 2)', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: switchyard <command> <subcommand> [flags]');
    expect(help.stdout).toMatch(/subgraph\s+Publish, check, list and delete subgraph schemas/);
    expect(help.stdout).toContain('--registry <url>   SWITCHYARD_REGISTRY');
    expect(await run([])).toMatchObject({ code: 2, stdout: '' });
  });

  it('prints a command usage on --help without contacting the registry', async () => {
    const help = await run(['subgraph', 'publish', '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain(
      'Usage: switchyard subgraph publish --name <subgraph> --schema <file> --url <routing url>',
    );
  });

  it('refuses graph, variant and subgraph names that break the naming rule before contacting the registry', async () => {
    const graph = await run(['subgraph', 'list', '--graph', 'Shop']);
    expect(graph.code).toBe(2);
    expect(graph.stderr).toContain('error: The graph name "Shop" is not valid: use lower-case letters, digits');
    const variant = await run(['supergraph', 'history', '--graph', 'shop', '--variant', 'prod\u0000']);
    expect([variant.code, variant.stderr.includes('The variant name')]).toEqual([2, true]);
    const subgraph = await run(['subgraph', 'delete', '--graph', 'shop', '--name', 'x'.repeat(65)]);
    expect([subgraph.code, subgraph.stderr.includes('The subgraph name')]).toEqual([2, true]);
  });

  it('rejects unknown commands with exit 2 and the list of valid ones', async () => {
    const unknownGroup = await run(['schema', 'publish']);
    expect(unknownGroup.code).toBe(2);
    expect(unknownGroup.stderr).toMatch(/^error: Unknown command "schema"\./);
    const unknownCommand = await run(['subgraph', 'push']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('Usage: switchyard subgraph <publish|check|list|delete> [flags]');
  });

  it('reports a missing flag before reading files or calling the registry', async () => {
    const missing = await run(['subgraph', 'publish', '--graph', 'shop', '--schema', 'x.graphql']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: Missing --name <subgraph>\.\n\nUsage: switchyard subgraph publish/);
  });

  it('reports a registry URL that is not a URL as a usage error', async () => {
    const result = await run(['subgraph', 'list', '--graph', 'shop'], { SWITCHYARD_REGISTRY: 'registry:4100/x y' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--registry must be a URL such as http://localhost:4100');
  });
});
