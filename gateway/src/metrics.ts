import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export type GatewayMetrics = ReturnType<typeof createMetrics>;

/** Prometheus metrics of one gateway, served on `/metrics`. Each gateway instance owns its own registry. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'switchyard_requests_total',
      help: 'GraphQL requests by operation type and outcome.',
      labelNames: ['operation_type', 'outcome'] as const,
      registers,
    }),
    errors: new Counter({
      name: 'switchyard_errors_total',
      help: 'Errors returned to clients by error code.',
      labelNames: ['code'] as const,
      registers,
    }),
    latency: new Histogram({
      name: 'switchyard_request_duration_seconds',
      help: 'End-to-end GraphQL request latency.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    subgraphLatency: new Histogram({
      name: 'switchyard_subgraph_fetch_duration_seconds',
      help: 'Latency of each subgraph fetch, by subgraph and outcome.',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    subgraphDeduplicated: new Counter({
      name: 'switchyard_subgraph_fetches_deduplicated_total',
      help: 'Subgraph work saved: fetches that joined an identical one in flight, and duplicate entity representations removed.',
      labelNames: ['subgraph', 'kind'] as const,
      registers,
    }),
    plansExecuted: new Counter({
      name: 'switchyard_query_plans_executed_total',
      help: "Query plans run by the switchyard executor (GATEWAY_EXECUTOR=switchyard), or by @apollo/gateway's for what it hands over.",
      labelNames: ['executor'] as const,
      registers,
    }),
    queryCost: new Histogram({
      name: 'switchyard_query_cost',
      help: 'Requested cost of operations.',
      buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
      registers,
    }),
    throttled: new Counter({
      name: 'switchyard_throttled_requests_total',
      help: 'Requests rejected because the client budget could not pay for them.',
      registers,
    }),
    usageReportsDropped: new Counter({
      name: 'switchyard_usage_reports_dropped_total',
      help: 'Usage records dropped because the buffer was full or the registry refused them.',
      labelNames: ['reason'] as const,
      registers,
    }),
    persistedDocuments: new Counter({
      name: 'switchyard_persisted_documents_total',
      help: 'Requests by how their document relates to the persisted documents (PERSISTED_DOCUMENTS log or require): known, unknown (served) or refused.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    usageEntriesDropped: new Counter({
      name: 'switchyard_usage_entries_dropped_total',
      help: 'Usage report entries (an operation, or one client version of it) left out of a report because they break the usage contract, by the code of the reason; checked by the gateway before sending, or named by the registry.',
      labelNames: ['reason'] as const,
      registers,
    }),
  };
}
