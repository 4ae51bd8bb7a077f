import { context, type Span, SpanKind, type Tracer, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { formatTraceparent, parseTraceparent } from './traceparent';

export interface TelemetryOptions {
  /**
   * OTLP/HTTP base endpoint (spans go to `<endpoint>/v1/traces` unless the URL already ends with it). Unset: no
   * tracer provider is created and no span leaves the process.
   */
  otlpEndpoint?: string;
  /** `service.name` of the exported spans. Default `switchyard-gateway`. */
  serviceName?: string;
}

/** Tracing of one gateway: a request span per operation and a client span per subgraph fetch. */
export interface Telemetry {
  /** Whether spans are recorded and exported; when false every method is a cheap no-op. */
  readonly enabled: boolean;
  /**
   * Starts the request span, a child of the caller's `traceparent` when there is one. `run` executes inside the
   * span's context (so Apollo's own `gateway.plan`/`gateway.validate`/`gateway.fetch` spans nest under it).
   */
  startRequest(incomingTraceparent: string | undefined): { span: Span; traceparent: string; traceId: string };
  /** Runs `fn` with `span` as the active span. */
  runInSpan<T>(span: Span, fn: () => T): T;
  /** Starts the client span of a subgraph fetch under the active span; its `traceparent` goes to the subgraph. */
  startSubgraphFetch(subgraph: string): { span: Span; traceparent: string };
  /** Flushes pending spans and stops exporting. */
  shutdown(): Promise<void>;
}

function tracesUrl(endpoint: string): string {
  const trimmed = endpoint.replace(/\/+$/, '');
  return trimmed.endsWith('/v1/traces') ? trimmed : `${trimmed}/v1/traces`;
}

function traceparentOf(span: Span): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return formatTraceparent({ traceId, spanId, flags: traceFlags.toString(16).padStart(2, '0') });
}

/**
 * Creates the gateway's tracing. With an OTLP endpoint it creates a `NodeTracerProvider` exporting over OTLP/HTTP
 * and registers it globally, because `@apollo/gateway` records its planning, validation and fetch spans through
 * the global OpenTelemetry API. Nothing happens at import time, and nothing is registered without an endpoint.
 */
export function createTelemetry(options: TelemetryOptions): Telemetry {
  if (!options.otlpEndpoint) return disabledTelemetry;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName ?? 'switchyard-gateway' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(options.otlpEndpoint) }))],
  });
  provider.register();
  const tracer: Tracer = provider.getTracer('switchyard-gateway');
  return {
    enabled: true,
    startRequest(incoming) {
      const parent = parseTraceparent(incoming);
      const parentContext = parent
        ? trace.setSpanContext(context.active(), {
            traceId: parent.traceId,
            spanId: parent.spanId,
            traceFlags: Number.parseInt(parent.flags, 16),
            isRemote: true,
          })
        : context.active();
      const span = tracer.startSpan('graphql.request', { kind: SpanKind.SERVER }, parentContext);
      return { span, traceparent: traceparentOf(span), traceId: span.spanContext().traceId };
    },
    runInSpan(span, fn) {
      return context.with(trace.setSpan(context.active(), span), fn);
    },
    startSubgraphFetch(subgraph) {
      const span = tracer.startSpan(
        `subgraph ${subgraph}`,
        { kind: SpanKind.CLIENT, attributes: { 'switchyard.subgraph': subgraph } },
        context.active(),
      );
      return { span, traceparent: traceparentOf(span) };
    },
    async shutdown() {
      await provider.shutdown();
    },
  };
}

const noopSpan = trace.wrapSpanContext({ traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 0 });

const disabledTelemetry: Telemetry = {
  enabled: false,
  startRequest() {
    return { span: noopSpan, traceparent: '', traceId: '' };
  },
  runInSpan(_span, fn) {
    return fn();
  },
  startSubgraphFetch() {
    return { span: noopSpan, traceparent: '' };
  },
  async shutdown() {},
};
