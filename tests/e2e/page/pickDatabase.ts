import { createFreshDatabase } from '@switchyard/subgraph-kit/testing';

/** The PostgreSQL the page test uses when it can: `DATABASE_URL`, else the local test server. */
const defaultUrl = 'postgres://root@127.0.0.1:5432/test';

/**
 * Picks where the page test's subgraphs and registry store data. PostgreSQL starts the stack in about a second
 * where four PGlite databases take 15–30 s on a loaded machine, so it is used whenever it answers. In CI it must
 * answer (a missing service fails the run); elsewhere the test falls back to PGlite and says so.
 */
export async function pickDatabase(
  env: Record<string, string | undefined> = process.env,
): Promise<{ url?: string; label: string }> {
  const url = env.DATABASE_URL ?? defaultUrl;
  try {
    const probe = await createFreshDatabase(url);
    await probe.drop();
    return { url, label: 'PostgreSQL' };
  } catch (error) {
    if (env.CI) throw new Error(`PostgreSQL at ${url} is required in CI: ${(error as Error).message}`);
    return { label: `PGlite (PostgreSQL at ${url} did not answer: ${(error as Error).message})` };
  }
}
