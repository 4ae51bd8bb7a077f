/**
 * Registry benchmark: how much the registry's publish and check add on top of Apollo composition itself.
 *
 *   npx tsx tests/bench/registry.bench.ts [--iterations 5] [--identical 20] [--responsiveness 3]
 *
 * Generates a deterministic Federation 2 graph (50 subgraphs, ~2,000 types), seeds an in-process registry on
 * in-memory PGlite with it, then measures, interleaved so machine load affects every row alike:
 * bare `composeServices` (pre-parsed input), the pure pipeline (validate + compose + diff + changelog), publish of
 * one changed subgraph and check of one changed subgraph through the registry's GraphQL API, and publish of
 * identical SDL. Prints medians and the registry/compose ratios, by medians and paired per iteration (targets, issue
 * 10: a publish of one changed subgraph costs less than bare composition of all of them, at most 0.85× compose
 * both ways, since it builds only the changed subgraph and diffs beside the satisfiability validation; identical
 * publish < 50 ms).
 *
 * Then, on two copies of the seeded database, it publishes a changed subgraph `--responsiveness` times while two
 * clients call `/health` and the supergraph endpoint back to back: once with composition on the event loop
 * (COMPOSITION_WORKERS=0, the registry before the worker pool) and once with the pool (COMPOSITION_WORKERS=1), and
 * prints their p50/p99 latencies, the process's CPU and its peak RSS (target: p99 < 100 ms with the pool).
 * `--iterations 0` runs only this part.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { composeServices } from '@apollo/composition';
import { createRegistry, loadConfig } from '@switchyard/registry';
import { parse } from 'graphql';
import { findSchemaChanges } from '../../registry/src/changes/findSchemaChanges';
import { renderChangelog } from '../../registry/src/changes/renderChangelog';
import { createRegistryApi } from '../../registry/src/cli/registryApi';
import { composeSupergraph } from '../../registry/src/composition/composeSupergraph';
import { validateSubgraphSdl } from '../../registry/src/composition/validateSubgraphSdl';
import { addFieldToSubgraph, generateSyntheticGraph, type SyntheticSubgraph } from './generateSyntheticGraph';
import { fetchOnNewConnection } from './registry/fetchOnNewConnection';
import { measureResponsiveness, percentile, type Responsiveness } from './registry/measureResponsiveness';

const { values } = parseArgs({
  options: { iterations: { type: 'string' }, identical: { type: 'string' }, responsiveness: { type: 'string' } },
});
const iterations = Number(values.iterations ?? 5);
const identicalIterations = Number(values.identical ?? 20);
const responsivenessPublishes = Number(values.responsiveness ?? 3);
const graph = 'bench';
const variant = 'prod';
const adminToken = 'registry-benchmark-admin-token';
/** Issue 10's target for a publish of one changed subgraph, as a share of bare composition of all of them. */
const PUBLISH_TARGET = 0.85;

const subgraphs = generateSyntheticGraph();
const typeCount = new Set(
  subgraphs.flatMap((subgraph) => [...subgraph.sdl.matchAll(/^(?:type|enum|input) (\w+)/gm)].map((match) => match[1])),
).size;
log(`Synthetic graph: ${subgraphs.length} subgraphs, ${typeCount} distinct types, ${kib(subgraphs)} KiB of SDL.`);

// On disk, so the responsiveness runs can start from copies of the seeded database.
const dataRoot = mkdtempSync(join(tmpdir(), 'switchyard-registry-bench-'));
process.on('exit', () => rmSync(dataRoot, { recursive: true, force: true }));
// Built through loadConfig, from explicit values rather than the environment, so new settings get their defaults.
const startRegistry = (dataDir: string, env: Record<string, string> = {}) =>
  createRegistry(
    loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      SWITCHYARD_ADMIN_TOKEN: adminToken,
      MAX_SDL_BYTES: String(2 * 1024 * 1024),
      MAX_BODY_BYTES: String(8 * 1024 * 1024),
      LOG_LEVEL: 'silent',
      // A loaded machine composes the 50-subgraph graph in over a minute; the benchmark measures, it does not limit.
      COMPOSITION_TIMEOUT_MS: '600000',
      ...env,
    }),
  );
const registry = await startRegistry(join(dataRoot, 'seeded'));
const url = await registry.listen(0);
const api = createRegistryApi({ url, token: adminToken, timeoutMs: 600_000, fetch: fetchOnNewConnection });

const seedStarted = performance.now();
for (const [index, subgraph] of subgraphs.entries()) {
  const result = await api.publishSubgraph({
    graph,
    variant,
    subgraph: subgraph.name,
    url: subgraph.url,
    sdl: subgraph.sdl,
    create: true,
  });
  if (result.status !== 'PUBLISHED') throw new Error(`Seeding ${subgraph.name} failed: ${result.message}`);
  if ((index + 1) % 10 === 0)
    log(`  seeded ${index + 1}/${subgraphs.length} subgraphs (${seconds(performance.now() - seedStarted)})`);
}

const samples = {
  compose: [] as number[],
  pipeline: [] as number[],
  publish: [] as number[],
  check: [] as number[],
  identical: [] as number[],
};
let current = [...subgraphs];
let previousApiSdl = composeOrThrow(current).apiSchemaSdl;

for (let iteration = 0; iteration < iterations; iteration += 1) {
  const target = iteration % subgraphs.length;
  const changed = addFieldToSubgraph(current[target] as SyntheticSubgraph, `benchField${iteration}`);
  const candidate = current.map((subgraph, index) => (index === target ? changed : subgraph));

  const services = candidate.map((subgraph) => ({
    name: subgraph.name,
    url: subgraph.url,
    typeDefs: parse(subgraph.sdl),
  }));
  samples.compose.push(
    await time(async () => {
      const result = composeServices(services);
      if (result.errors) throw new Error(`composeServices failed: ${result.errors[0]?.message}`);
    }),
  );

  // Each row changes the subgraph differently, so no row reuses an API schema another row built (findSchemaChanges
  // keeps recent ones); only the served schema is shared, as between consecutive publishes in production.
  const pipelineChanged = addFieldToSubgraph(current[target] as SyntheticSubgraph, `benchPipeline${iteration}`);
  const pipelineCandidate = current.map((subgraph, index) => (index === target ? pipelineChanged : subgraph));
  samples.pipeline.push(
    await time(async () => {
      if (!validateSubgraphSdl(pipelineChanged.name, pipelineChanged.sdl).ok) throw new Error('validation failed');
      const composed = composeOrThrow(pipelineCandidate);
      const changes = await findSchemaChanges(previousApiSdl, composed.apiSchemaSdl);
      renderChangelog({
        version: iteration + 2,
        previousVersion: iteration + 1,
        createdAt: new Date(),
        changes,
        subgraphs: pipelineCandidate.map((s) => s.name),
      });
    }),
  );

  const checkChanged = addFieldToSubgraph(changed, `benchCheck${iteration}`);
  samples.check.push(
    await time(async () => {
      const result = await api.checkSubgraph({ graph, variant, subgraph: checkChanged.name, sdl: checkChanged.sdl });
      if (!result.ok) throw new Error(`check failed: ${result.message}`);
    }),
  );

  samples.publish.push(
    await time(async () => {
      const result = await api.publishSubgraph({
        graph,
        variant,
        subgraph: changed.name,
        url: changed.url,
        sdl: changed.sdl,
      });
      if (result.status !== 'PUBLISHED') throw new Error(`publish failed: ${result.status} ${result.message}`);
    }),
  );
  current = candidate;
  previousApiSdl = composeOrThrow(current).apiSchemaSdl;

  for (let repeat = 0; repeat < Math.ceil(identicalIterations / iterations); repeat += 1) {
    samples.identical.push(
      await time(async () => {
        const result = await api.publishSubgraph({
          graph,
          variant,
          subgraph: changed.name,
          url: changed.url,
          sdl: changed.sdl,
        });
        if (result.status !== 'UNCHANGED') throw new Error(`identical publish was ${result.status}`);
      }),
    );
  }
  log(
    `  iteration ${iteration + 1}/${iterations}: compose ${ms(samples.compose.at(-1))}, publish ${ms(samples.publish.at(-1))}, check ${ms(samples.check.at(-1))}`,
  );
}
await registry.close();

if (iterations > 0) printPublishTable();
if (responsivenessPublishes > 0) await compareResponsiveness();

function printPublishTable(): void {
  const compose = median(samples.compose);
  const rows: [string, number[], string][] = [
    ['bare composeServices (pre-parsed)', samples.compose, '1.00×'],
    ['pipeline: validate + compose + diff + changelog', samples.pipeline, ratio(samples.pipeline, compose)],
    ['registry publish (1 subgraph changed)', samples.publish, ratio(samples.publish, compose)],
    ['registry check (1 subgraph changed)', samples.check, ratio(samples.check, compose)],
    ['registry publish of identical SDL', samples.identical, '—'],
  ];
  log('');
  log(
    `| ${'Measurement'.padEnd(48)} | ${'n'.padStart(3)} | ${'median'.padStart(10)} | ${'min'.padStart(10)} | ${'max'.padStart(10)} | vs compose |`,
  );
  log(`| ${'-'.repeat(48)} | --: | ${'-'.repeat(9)}: | ${'-'.repeat(9)}: | ${'-'.repeat(9)}: | ---------: |`);
  for (const [name, values, vsCompose] of rows) {
    log(
      `| ${name.padEnd(48)} | ${String(values.length).padStart(3)} | ${ms(median(values)).padStart(10)} | ${ms(Math.min(...values)).padStart(10)} | ${ms(Math.max(...values)).padStart(10)} | ${vsCompose.padStart(10)} |`,
    );
  }
  const publishRatio = median(samples.publish) / compose;
  // Per-iteration ratios pair each publish with the composition measured right before it, which cancels most of the
  // drift of a shared machine's load.
  const pairedPublish = median(samples.publish.map((value, index) => value / (samples.compose[index] ?? value)));
  const pairedCheck = median(samples.check.map((value, index) => value / (samples.compose[index] ?? value)));
  const identical = median(samples.identical);
  log('');
  log(
    `Registry publish costs ${publishRatio.toFixed(2)}× bare composition by medians, ${pairedPublish.toFixed(2)}× paired (target ≤ ${PUBLISH_TARGET}× both): ${publishRatio <= PUBLISH_TARGET && pairedPublish <= PUBLISH_TARGET ? 'PASS' : 'FAIL'}.`,
  );
  log(
    `Paired per-iteration ratios: publish ${pairedPublish.toFixed(2)}×, check ${pairedCheck.toFixed(2)}× of bare composition.`,
  );
  log(`Identical publish median ${ms(identical)} (target < 50 ms): ${identical < 50 ? 'PASS' : 'FAIL'}.`);
}

/**
 * Publishes a changed subgraph `responsivenessPublishes` times on a copy of the seeded database, once per mode,
 * measuring `/health` and supergraph polls meanwhile.
 */
async function compareResponsiveness(): Promise<void> {
  const modes = [
    { name: 'inline (COMPOSITION_WORKERS=0)', workers: '0' },
    { name: 'worker pool (COMPOSITION_WORKERS=1)', workers: '1' },
  ];
  const results: [string, Responsiveness][] = [];
  for (const mode of modes) {
    const dataDir = join(dataRoot, `workers-${mode.workers}`);
    cpSync(join(dataRoot, 'seeded'), dataDir, { recursive: true });
    const copy = await startRegistry(dataDir, { COMPOSITION_WORKERS: mode.workers });
    const copyUrl = await copy.listen(0);
    const copyApi = createRegistryApi({
      url: copyUrl,
      token: adminToken,
      timeoutMs: 600_000,
      fetch: fetchOnNewConnection,
    });
    let base = current;
    const merged: Responsiveness = { health: [], poll: [], workMs: 0, cpuMs: 0, peakRss: 0 };
    for (let publish = 0; publish < responsivenessPublishes; publish += 1) {
      const target = (publish * 7) % base.length;
      const changed = addFieldToSubgraph(base[target] as SyntheticSubgraph, `responsiveness${publish}`);
      const measured = await measureResponsiveness({ url: copyUrl, token: adminToken, graph, variant }, async () => {
        const result = await copyApi.publishSubgraph({
          graph,
          variant,
          subgraph: changed.name,
          url: changed.url,
          sdl: changed.sdl,
        });
        if (result.status !== 'PUBLISHED') throw new Error(`publish failed: ${result.status} ${result.message}`);
      });
      base = base.map((subgraph, index) => (index === target ? changed : subgraph));
      merged.health.push(...measured.health);
      merged.poll.push(...measured.poll);
      merged.workMs += measured.workMs;
      merged.cpuMs += measured.cpuMs;
      merged.peakRss = Math.max(merged.peakRss, measured.peakRss);
      log(
        `  ${mode.name}: publish ${publish + 1}/${responsivenessPublishes} took ${ms(measured.workMs)}, /health p99 ${ms(percentile(measured.health, 99))}`,
      );
    }
    await copy.close();
    results.push([mode.name, merged]);
  }
  log('');
  log(
    `| ${'While a 50-subgraph publish composes'.padEnd(36)} | publish mean   | /health n | /health p50 | /health p99 | poll p50 | poll p99 | CPU (all threads) | peak RSS |`,
  );
  log(
    `| ${'-'.repeat(36)} | -------------: | --------: | ----------: | ----------: | -------: | -------: | ----------------: | -------: |`,
  );
  for (const [name, result] of results) {
    const cpuShare = `${((result.cpuMs / result.workMs) * 100).toFixed(0)} % of a core`;
    log(
      `| ${name.padEnd(36)} | ${ms(result.workMs / responsivenessPublishes).padStart(14)} | ${String(result.health.length).padStart(9)} | ${ms(percentile(result.health, 50)).padStart(11)} | ${ms(percentile(result.health, 99)).padStart(11)} | ${ms(percentile(result.poll, 50)).padStart(8)} | ${ms(percentile(result.poll, 99)).padStart(8)} | ${cpuShare.padStart(17)} | ${`${(result.peakRss / 1024 / 1024).toFixed(0)} MiB`.padStart(8)} |`,
    );
  }
  const pooled = results.at(-1)?.[1];
  if (pooled) {
    const p99 = percentile(pooled.health, 99);
    log('');
    log(
      `/health p99 during a publish with the worker pool ${ms(p99)} (target < 100 ms): ${p99 < 100 ? 'PASS' : 'FAIL'}.`,
    );
  }
}

function composeOrThrow(input: SyntheticSubgraph[]) {
  const result = composeSupergraph(input);
  if (!result.ok) throw new Error(`composition failed: ${result.errors[0]?.message}`);
  return result;
}

async function time(action: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function ratio(values: number[], base: number): string {
  return `${(median(values) / base).toFixed(2)}×`;
}

function ms(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toFixed(value < 100 ? 1 : 0)} ms`;
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}

function kib(input: SyntheticSubgraph[]): string {
  return (input.reduce((total, subgraph) => total + subgraph.sdl.length, 0) / 1024).toFixed(0);
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}
