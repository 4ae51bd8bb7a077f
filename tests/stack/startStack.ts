import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, type Gateway } from '@switchyard/gateway';
import { loadConfig } from '@switchyard/gateway/config';
import { composeOurSupergraph } from '@switchyard/schemas';
import { type RunningSubgraphs, type StartSubgraphsOptions, startSubgraphs } from './startSubgraphs';

export interface Stack {
  subgraphs: RunningSubgraphs;
  gateway: Gateway;
  gatewayUrl: string;
  /** Posts a GraphQL operation to the gateway. */
  query<TData = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: { data?: TData; errors?: any[]; extensions?: any } }>;
  close(): Promise<void>;
}

export interface StartStackOptions extends StartSubgraphsOptions {
  /** Gateway settings (environment-variable names), on top of a file supergraph and a free port. */
  gatewayEnv?: Record<string, string>;
}

/**
 * The whole stack in-process: the four subgraphs on free ports, their supergraph composed with those URLs and
 * written to a temp file, and the gateway serving it.
 */
export async function startStack(options: StartStackOptions = {}): Promise<Stack> {
  const subgraphs = await startSubgraphs(options);
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-supergraph-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeOurSupergraph(subgraphs.urls).supergraphSdl);
  const gateway = createGateway(
    loadConfig({
      SUPERGRAPH: supergraphPath,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ...subgraphs.identity.gatewayEnv,
      ...options.gatewayEnv,
    }),
  );
  const gatewayUrl = await gateway.listen(0, '127.0.0.1');
  return {
    subgraphs,
    gateway,
    gatewayUrl,
    async query(query, variables, headers = {}) {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return {
        status: response.status,
        body: (await response.json()) as { data?: any; errors?: any[]; extensions?: any },
      };
    },
    async close() {
      await gateway.close();
      await subgraphs.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
