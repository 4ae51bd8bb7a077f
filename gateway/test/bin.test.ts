import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { productsSubgraph } from './fixtures';
import { composeSupergraph, startSubgraph, waitFor } from './harness';
import { gatewayFromSource } from './sourceEntry';

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [...gatewayFromSource, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

function kill(child: ChildProcess) {
  if (child.exitCode === null) child.kill('SIGKILL');
}

describe('the switchyard-gateway bin', () => {
  it('prints every configuration problem and exits 1', async () => {
    const { output, exited } = run(['--port', '70000'], { MAX_BODY_BYTES: 'lots' });
    expect(await exited).toBe(1);
    expect(output.stderr).toContain('Invalid gateway configuration');
    expect(output.stderr).toMatch(/PORT: /);
    expect(output.stderr).toMatch(/MAX_BODY_BYTES: /);
    expect(output.stderr).toMatch(/SUPERGRAPH: set SUPERGRAPH \(--supergraph\) or REGISTRY_URL/);
  });

  it('serves a supergraph file and exits 0 on SIGTERM', async () => {
    const products = await startSubgraph(productsSubgraph());
    const dir = await mkdtemp(join(tmpdir(), 'gateway-bin-'));
    const supergraph = join(dir, 'supergraph.graphql');
    await writeFile(supergraph, composeSupergraph([products]));
    const { child, output, exited } = run(['--supergraph', supergraph, '--port', '0', '--host', '127.0.0.1'], {});
    try {
      await waitFor(() => output.stdout.includes('gateway ready'), 20_000);
      const ready = output.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { msg: string; url?: string })
        .find((line) => line.msg === 'gateway ready');
      const response = await fetch(`${ready?.url}?query=%7Bproducts%7Bname%7D%7D`);
      expect(await response.json()).toMatchObject({
        data: { products: [{ name: 'Scalpel' }, { name: 'Gauze' }, { name: 'Syringe' }] },
      });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output.stdout).toContain('gateway stopped');
    } finally {
      kill(child);
      await products.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
