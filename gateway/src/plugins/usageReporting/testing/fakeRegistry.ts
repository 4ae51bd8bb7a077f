import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { UsageReport } from '@switchyard/registry-client/usage';

/**
 * A registry's usage endpoint for tests: records every report, answers with `status` (or loses the answer), and can go
 * away and back.
 */
export interface FakeRegistry {
  url: string;
  reports: UsageReport[];
  requests: { authorization?: string; encoding?: string }[];
  status: number;
  /** Extra fields of an accepted answer, such as `refused` entries. */
  answer: Record<string, unknown>;
  /** Reports still to be stored whose answer is then lost (the connection is cut instead of answered). */
  loseAnswers: number;
  /** Stores the reports that arrive from now on but holds their answers until the returned function is called. */
  holdAnswers(): () => void;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

function readAll(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Starts a fake registry on a free port of 127.0.0.1. */
export async function startFakeRegistry(): Promise<FakeRegistry> {
  let server: Server | undefined;
  let port = 0;
  let held: Promise<void> = Promise.resolve();
  const registry: FakeRegistry = {
    url: '',
    reports: [],
    requests: [],
    status: 202,
    loseAnswers: 0,
    answer: {},
    holdAnswers() {
      let release = () => {};
      held = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
    async down() {
      const current = server;
      server = undefined;
      if (!current) return;
      current.closeAllConnections();
      await new Promise((resolve) => current.close(resolve));
    },
    async up() {
      const next = createServer(async (request, response) => {
        const body = await readAll(request);
        registry.requests.push({
          authorization: request.headers.authorization,
          encoding: request.headers['content-encoding'],
        });
        if (registry.status < 300 && request.url === '/v1/usage') {
          registry.reports.push(JSON.parse(gunzipSync(body).toString('utf8')) as UsageReport);
          if (registry.loseAnswers > 0) {
            registry.loseAnswers--;
            request.socket.destroy();
            return;
          }
        }
        await held;
        response.writeHead(registry.status, { 'content-type': 'application/json', connection: 'close' });
        response.end(
          JSON.stringify(
            registry.status < 300
              ? { accepted: {}, ...registry.answer }
              : { error: { code: 'BAD_USAGE_REPORT', message: 'no' } },
          ),
        );
      });
      await new Promise<void>((resolve) => next.listen(port, '127.0.0.1', resolve));
      port = (next.address() as AddressInfo).port;
      registry.url = `http://127.0.0.1:${port}`;
      server = next;
    },
    close: () => registry.down(),
  };
  await registry.up();
  return registry;
}

/** Polls until `check` passes or `timeoutMs` passes. */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition.');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
