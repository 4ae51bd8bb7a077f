import { createRandom } from './createRandom';
import type { CaseGenerator, Credentials } from './documentCases';
import * as documents from './documentCases';
import type { NumberedRequest } from './hostileRequest';
import * as http from './httpCases';
import type { SeedGraph } from './seedGraphs';

/** Every category and its generator. */
export const CATEGORIES: Readonly<Record<string, CaseGenerator>> = {
  truncated: documents.truncated,
  duplicatedTokens: documents.duplicatedTokens,
  swappedTokens: documents.swappedTokens,
  junkTokens: documents.junkTokens,
  deepBomb: documents.deepBomb,
  aliasBomb: documents.aliasBomb,
  fieldDuplication: documents.fieldDuplication,
  fragmentBomb: documents.fragmentBomb,
  directiveFlood: documents.directiveFlood,
  hugeString: documents.hugeString,
  hugeVariables: documents.hugeVariables,
  wrongVariableTypes: documents.wrongVariableTypes,
  badOperationName: documents.badOperationName,
  batched: documents.batched,
  badBody: http.badBody,
  encoding: http.encoding,
  contentType: http.contentType,
  headers: http.headers,
  bearerToken: http.bearerToken,
  nulBytes: http.nulBytes,
  getQueryString: http.getQueryString,
  method: http.method,
  slowBody: http.slowBody,
};

/** How many requests of each category one graph gets at scale 1 (1,619 in all). */
export const BASE_COUNTS: Readonly<Record<keyof typeof CATEGORIES, number>> = {
  truncated: 150,
  duplicatedTokens: 120,
  swappedTokens: 120,
  junkTokens: 150,
  deepBomb: 40,
  aliasBomb: 40,
  fieldDuplication: 40,
  fragmentBomb: 40,
  directiveFlood: 40,
  hugeString: 25,
  hugeVariables: 30,
  wrongVariableTypes: 100,
  badOperationName: 80,
  batched: 40,
  badBody: 100,
  encoding: 60,
  contentType: 60,
  headers: 80,
  bearerToken: 100,
  nulBytes: 60,
  getQueryString: 120,
  method: 20,
  slowBody: 4,
};

export interface GenerateOptions {
  seed: number;
  graph: SeedGraph;
  credentials: Credentials;
  /** Multiplies every category's count (each keeps at least one request). Default 1. */
  scale?: number;
}

/** The category of each request in order: every category's count, shuffled by the seed. */
export function scheduleCategories(seed: number, scale = 1): string[] {
  const random = createRandom(seed);
  const schedule = Object.entries(BASE_COUNTS).flatMap(([category, count]) =>
    Array<string>(Math.max(1, Math.round(count * scale))).fill(category),
  );
  for (let i = schedule.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [schedule[i], schedule[j]] = [schedule[j] ?? '', schedule[i] ?? ''];
  }
  return schedule;
}

/**
 * The hostile requests for one graph, generated lazily (huge bodies are made one at a time) and deterministically:
 * request `index` depends only on the seed, the graph and the scale, so `HOSTILE_SEED` replays a failing run.
 */
export function* generateHostileRequests(options: GenerateOptions): Generator<NumberedRequest> {
  const schedule = scheduleCategories(options.seed, options.scale);
  for (const [index, category] of schedule.entries()) {
    // One stream per request, so a change to one generator does not reshuffle every later case.
    const random = createRandom((options.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
    const generate = CATEGORIES[category];
    if (!generate) throw new Error(`no generator for ${category}`);
    yield { ...generate(random, options.graph, options.credentials), index, graph: options.graph.name };
  }
}
