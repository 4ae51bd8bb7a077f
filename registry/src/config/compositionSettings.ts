import { z } from 'zod';
import { type CompositionSettings, defaultCompositionSettings } from '../composition/createComposer';

/** Subgraph schema size limits and the composition workers (`MAX_SCHEMA_*`, `COMPOSITION_*`). */
export const compositionEnv = z.object({
  /** Most type definitions and extensions in one subgraph SDL. Default 5000 (2.5× the whole 50-subgraph bench graph). */
  MAX_SCHEMA_TYPES: z.coerce.number().int().positive().default(defaultCompositionSettings.limits.maxTypes),
  /** Most fields, input fields and enum values in one subgraph SDL. Default 50000. */
  MAX_SCHEMA_FIELDS: z.coerce.number().int().positive().default(defaultCompositionSettings.limits.maxFields),
  /**
   * Deepest nesting of one subgraph SDL (`[` lists, `{` input objects and type bodies, `(` arguments, field sets in
   * argument strings), counted from its tokens before it is parsed. Default 32; parsing overflows the stack at 2,000.
   */
  MAX_SCHEMA_DEPTH: z.coerce.number().int().positive().max(1000).default(defaultCompositionSettings.limits.maxDepth),
  /**
   * Worker threads composing at once. Default 1: on a 2-core host one core stays with the event loop (HTTP, the
   * database); 0 composes on the event loop, which stops the registry answering while it runs (benchmarks only).
   */
  COMPOSITION_WORKERS: z.coerce.number().int().nonnegative().max(64).default(defaultCompositionSettings.workers),
  /**
   * Longest one composition may take, counted from when a worker takes it (waiting behind other compositions is not
   * counted), before it is stopped. Default 60000 ms.
   */
  COMPOSITION_TIMEOUT_MS: z.coerce.number().int().positive().default(defaultCompositionSettings.timeoutMs),
  /** Bytes of composition results kept by the hash of their input, so repeated checks are free. Default 64 MiB. */
  COMPOSITION_CACHE_BYTES: z.coerce.number().int().nonnegative().default(defaultCompositionSettings.cacheBytes),
  /**
   * Estimated heap of built subgraphs each composition worker keeps, so a publish rebuilds only the subgraph it
   * changes. Default 256 MiB (the 50-subgraph bench graph takes 36 MiB); 0 rebuilds every subgraph every time.
   */
  COMPOSITION_SUBGRAPH_CACHE_BYTES: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(defaultCompositionSettings.subgraphCacheBytes),
});

export function toCompositionSettings(parsed: z.output<typeof compositionEnv>): CompositionSettings {
  return {
    workers: parsed.COMPOSITION_WORKERS,
    timeoutMs: parsed.COMPOSITION_TIMEOUT_MS,
    cacheBytes: parsed.COMPOSITION_CACHE_BYTES,
    subgraphCacheBytes: parsed.COMPOSITION_SUBGRAPH_CACHE_BYTES,
    limits: {
      maxTypes: parsed.MAX_SCHEMA_TYPES,
      maxFields: parsed.MAX_SCHEMA_FIELDS,
      maxDepth: parsed.MAX_SCHEMA_DEPTH,
    },
  };
}
