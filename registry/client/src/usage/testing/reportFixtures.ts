import { createHash, randomUUID } from 'node:crypto';
import { LATENCY_HISTOGRAM_SIZE, type OperationUsage, type UsageReport } from '../contract';

/** A sha256 signature for a test document. */
export function signatureOf(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/** A client entry whose requests all fell in the first latency bucket. */
export function clientEntry(
  name: string,
  version: string,
  count: number,
  errors = 0,
): OperationUsage['clients'][number] {
  const latencyHistogram = new Array<number>(LATENCY_HISTOGRAM_SIZE).fill(0);
  latencyHistogram[0] = count;
  return { name, version, count, errors, latencyHistogram };
}

/** An operation entry named after its document. */
export function operationEntry(
  document: string,
  coordinates: string[],
  clients: OperationUsage['clients'],
  subgraphs: string[] = ['products'],
): OperationUsage {
  return {
    signature: signatureOf(document),
    name: document.match(/query (\w+)/)?.[1] ?? '',
    type: 'query',
    document,
    coordinates,
    subgraphs,
    clients,
  };
}

/** A report of `operations` for the window starting at `start` (10 s long). */
export function usageReport(start: Date, operations: OperationUsage[], graph = 'shop', variant = 'prod'): UsageReport {
  return {
    id: randomUUID(),
    graph,
    variant,
    gateway: { id: 'gw-1', version: '0.1.0' },
    window: { start: start.toISOString(), end: new Date(start.getTime() + 10_000).toISOString() },
    operations,
  };
}
