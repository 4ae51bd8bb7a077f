import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type ServiceProcess, startProcess, waitUntilHealthy } from '../../stack/processes';
import { waitForReadyLine } from './readyLine';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const TSX = ['--import', 'tsx'];

/** A free TCP port on 127.0.0.1 (closed again before it is returned). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Node flags that write a CPU profile of the child into `dir` when it exits, or none without a dir. */
function profileFlags(dir: string | undefined): string[] {
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** Starts the four subgraphs in one child process and resolves with it and their URLs. */
export async function startSubgraphsProcess(
  services: ServiceProcess[],
  env: Record<string, string>,
): Promise<{ service: ServiceProcess; urls: Record<string, string> }> {
  const service = startProcess('subgraphs', [...TSX, here('./subgraphsMain.ts')], env, 0);
  services.push(service);
  const urls = await waitForReadyLine<Record<string, string>>(service, 300_000);
  return { service, urls };
}

/** The stand-in subgraphs that record, then replay, answers (`precomputedSubgraphsMain.ts`). */
export interface PrecomputedSubgraphs {
  service: ServiceProcess;
  /** Each subgraph's URL on the stand-in. */
  urls: Record<string, string>;
  /** Stops recording: from now on every request is answered from what was recorded. Resolves with their count. */
  replay(): Promise<number>;
}

/** Starts the stand-in subgraphs in front of `upstream` (name → URL), recording until `replay()`. */
export async function startPrecomputedSubgraphs(
  services: ServiceProcess[],
  upstream: Record<string, string>,
): Promise<PrecomputedSubgraphs> {
  const service = startProcess(
    'replayer',
    [...TSX, here('./precomputedSubgraphsMain.ts')],
    { UPSTREAM_URLS: JSON.stringify(upstream) },
    3,
  );
  services.push(service);
  const ready = await waitForReadyLine<{ urls: Record<string, string>; replay: string }>(service, 60_000);
  return {
    service,
    urls: ready.urls,
    async replay() {
      const response = await fetch(ready.replay, { method: 'POST' });
      return ((await response.json()) as { responses: number }).responses;
    },
  };
}

/** A started gateway: its GraphQL URL and process id. */
export interface StartedGateway {
  url: string;
  pid: number | undefined;
}

/** Starts stock `@apollo/gateway` (see `stockGatewayMain.ts`) and resolves once it serves. */
export async function startStockGateway(
  services: ServiceProcess[],
  env: Record<string, string>,
  profileDir?: string,
  name = 'stock',
): Promise<StartedGateway> {
  const port = await freePort();
  const service = startProcess(
    name,
    [...profileFlags(profileDir), ...TSX, here('./stockGatewayMain.ts')],
    { ...env, PORT: String(port), APOLLO_TELEMETRY_DISABLED: 'true' },
    1,
  );
  services.push(service);
  const { url } = await waitForReadyLine<{ url: string }>(service, 120_000);
  return { url, pid: service.child.pid };
}

/** Starts `switchyard-gateway` (the package's bin) with `env` and resolves once it answers `/ready`. */
export async function startOurGateway(
  services: ServiceProcess[],
  env: Record<string, string>,
  profileDir?: string,
  name = 'ours',
): Promise<StartedGateway> {
  const port = await freePort();
  const service = startProcess(
    name,
    [...profileFlags(profileDir), here('../../../gateway/bin/switchyard-gateway.js')],
    { ...env, PORT: String(port), HOST: '127.0.0.1' },
    2,
  );
  services.push(service);
  await waitUntilHealthy(service, `http://127.0.0.1:${port}/ready`, 120_000);
  return { url: `http://127.0.0.1:${port}/graphql`, pid: service.child.pid };
}
