import { createRequire } from 'node:module';

// autocannon ships no types; this is the part of its programmatic API the benchmarks use.

export interface AutocannonRequest {
  method?: string;
  body?: string;
  setupRequest?(request: AutocannonRequest): AutocannonRequest;
  onResponse?(status: number, body: string): void;
}

export interface AutocannonOptions {
  url: string;
  method: string;
  headers: Record<string, string>;
  connections: number;
  /** Seconds. */
  duration: number;
  body?: string;
  timeout?: number;
  requests?: AutocannonRequest[];
}

export interface AutocannonResult {
  requests: { average: number; total: number; sent: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Runs one autocannon load and resolves with its figures. */
export const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: AutocannonOptions,
) => Promise<AutocannonResult>;
