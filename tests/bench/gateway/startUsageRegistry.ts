import { randomBytes } from 'node:crypto';
import { createRegistry, foldUsageInbox, loadConfig } from '@switchyard/registry';
import { sql } from 'drizzle-orm';

/** The parts of the registry's GraphQL answers read here. */
interface RegistryAnswers {
  publishSubgraph?: { status: string; message?: string };
  createToken?: { token: string };
}

/** The registry the benchmarked gateway reports usage to. */
export interface UsageRegistry {
  /** Base URL, for the gateway's USAGE_REGISTRY_URL. */
  url: string;
  graph: string;
  /** A REPORT token for `graph`. */
  reportToken: string;
  /** Operations and request counts the registry has ingested so far. */
  ingested(): Promise<{ operations: number; requests: number }>;
  close(): Promise<void>;
}

/**
 * Starts `@switchyard/registry` in this process on PGlite in memory, publishes the given subgraphs to `graph`
 * (variant `prod`, which is where the gateway reports) and creates a REPORT token for it.
 */
export async function startUsageRegistry(
  graph: string,
  subgraphs: { name: string; url: string; sdl: string }[],
): Promise<UsageRegistry> {
  const adminToken = `bench-admin-${randomBytes(12).toString('hex')}`;
  // The registry's own defaults for everything else; no database settings means PGlite in memory.
  const config = loadConfig({}, { port: 0, host: '127.0.0.1', adminToken, logLevel: 'warn' });
  const registry = await createRegistry({ ...config, database: {} });
  try {
    const url = await registry.listen(0);
    const graphql = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: RegistryAnswers; errors?: unknown[] };
      if (body.errors) throw new Error(`registry: ${JSON.stringify(body.errors)}`);
      return body.data ?? {};
    };
    for (const subgraph of subgraphs) {
      const data = await graphql(
        'mutation ($input: PublishSubgraphInput!) { publishSubgraph(input: $input) { status message } }',
        {
          input: {
            graph,
            variant: 'prod',
            subgraph: subgraph.name,
            url: subgraph.url,
            sdl: subgraph.sdl,
            create: true,
          },
        },
      );
      const status = data.publishSubgraph?.status;
      if (status !== 'PUBLISHED' && status !== 'UNCHANGED') {
        throw new Error(`publishing ${subgraph.name} to the registry: ${JSON.stringify(data.publishSubgraph)}`);
      }
    }
    const created = await graphql('mutation ($input: CreateTokenInput!) { createToken(input: $input) { token } }', {
      input: { name: 'bench-gateway', scope: 'REPORT', graph },
    });
    const reportToken = String(created.createToken?.token ?? '');
    if (!reportToken) throw new Error('the registry created no REPORT token');
    return {
      url,
      graph,
      reportToken,
      async ingested() {
        // Counted as a read would count them: every accepted report folded first.
        await foldUsageInbox(registry.db);
        const result = await registry.db.execute(sql`
          select (select count(*) from registry.usage_operations)::int as operations,
            (select coalesce(sum(count), 0) from registry.usage_operations_hourly)::int as requests`);
        const row = (result as unknown as { rows: { operations: number; requests: number }[] }).rows[0];
        return { operations: Number(row?.operations ?? 0), requests: Number(row?.requests ?? 0) };
      },
      close: () => registry.close(),
    };
  } catch (error) {
    await registry.close();
    throw error;
  }
}
