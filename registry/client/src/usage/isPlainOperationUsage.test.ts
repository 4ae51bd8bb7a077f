import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClientUsageSchema, LATENCY_HISTOGRAM_SIZE, OperationUsage, UsageReportLimits } from './contract';
import { isPlainOperationUsage } from './isPlainOperationUsage';
import { clientEntry, operationEntry, usageReport } from './testing/reportFixtures';
import { validateUsageReport } from './validateUsageReport';

/** The contract's schema of a whole operation entry with counts up to `maxCount`: the reference. */
const operationSchema = (maxCount: number) =>
  OperationUsage.extend({
    clients: z.array(createClientUsageSchema(maxCount)).min(1).max(UsageReportLimits.maxClientsPerOperation),
  });

const histogram = (count: number, slot = 3) => {
  const slots = new Array<number>(LATENCY_HISTOGRAM_SIZE).fill(0);
  slots[slot] = count;
  return slots;
};

/** An entry as the gateway sends it, every optional field filled. */
function fullEntry(): Record<string, unknown> {
  return {
    ...operationEntry(
      'query Order($id: ID!) { order(id: $id) { id status } }',
      ['Query.order', 'Query.order(id:)', 'Order.id', 'Order.status'],
      [
        {
          ...clientEntry('ios', '3.1.0', 10, 2),
          variableCoordinates: { 'OrderStatus.SHIPPED': 4, 'OrderFilter.status': 4 },
          errorCodes: { SUBGRAPH_TIMEOUT: 2, 'a.b:c-d': 1 },
          unknownDocuments: 3,
          subgraphFetches: {
            orders: { fetches: 10, errors: 1, latencyHistogram: histogram(10) },
            'catalog-v2': { fetches: 4, errors: 0, latencyHistogram: histogram(4, 0) },
          },
        },
        clientEntry('web', '', 1),
      ],
      ['orders', 'catalog-v2'],
    ),
  };
}

/** A seeded generator (mulberry32), so a failure names a case that can be run again. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values that break a field's type or a limit, or sit just inside one. */
const oddValues: unknown[] = [
  null,
  undefined,
  '',
  'x',
  'x'.repeat(201),
  'x'.repeat(501),
  'Query.a',
  'Query.a(b:)',
  '__proto__',
  'UPPER',
  'a'.repeat(64),
  'a'.repeat(65),
  '-a',
  0,
  -0,
  -1,
  1.5,
  2,
  100,
  101,
  2 ** 53,
  1e10,
  1e10 + 1,
  true,
  [],
  [1],
  {},
  { fetches: 1, errors: 0, latencyHistogram: histogram(1) },
  histogram(10),
  histogram(11),
  new Array(LATENCY_HISTOGRAM_SIZE + 1).fill(0),
  'f'.repeat(64),
  'F'.repeat(64),
  'query',
  'mutation',
  'subscribe',
];

/** Every path of objects and arrays in `value`, with its parent. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const children = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return [at, ...children.flatMap((key) => paths((value as Record<string, unknown>)[key], [...at, key]))];
}

/** `entry` with one change at a random path: a value replaced or removed, or a key added. */
function mutate(entry: Record<string, unknown>, next: () => number): Record<string, unknown> {
  const copy = structuredClone(entry);
  const all = paths(copy).filter((path) => path.length > 0);
  const path = all[Math.floor(next() * all.length)] ?? ['name'];
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as never, copy);
  const key = path[path.length - 1] as string | number;
  const choice = next();
  if (choice < 0.1) delete parent[key];
  else if (choice < 0.2) {
    const added = oddValues[Math.floor(next() * oddValues.length)];
    parent[
      typeof key === 'number' ? key : (['extra', '__proto__', 'E_CODE', 'T.f', 'sub'][Math.floor(next() * 5)] ?? 'x')
    ] = added;
  } else parent[key] = structuredClone(oddValues[Math.floor(next() * oddValues.length)]);
  // Through JSON as the registry gets it (a `__proto__` key becomes an own key there).
  return JSON.parse(JSON.stringify(copy));
}

describe('isPlainOperationUsage', () => {
  it('takes what a gateway sends, optional fields and all, as it is', () => {
    const entry = fullEntry();
    expect(operationSchema(UsageReportLimits.maxCountPerEntry).parse(entry)).toEqual(entry);
    expect(isPlainOperationUsage(entry, UsageReportLimits.maxCountPerEntry)).toBe(true);
    const report = usageReport(new Date('2026-01-01T10:00:00Z'), [entry as never]);
    const validated = validateUsageReport(report);
    expect(validated).toEqual({ ok: true, report, refused: [] });
    // Kept, not copied: the fast path did the work.
    expect(validated.ok && validated.report.operations[0]).toBe(entry);
  });

  it('never takes an entry the contract refuses or would change, over thousands of mutated entries', () => {
    let plain = 0;
    let refused = 0;
    for (const maxCount of [UsageReportLimits.maxCountPerEntry, 100]) {
      const schema = operationSchema(maxCount);
      const next = random(maxCount);
      for (let round = 0; round < 2500; round++) {
        let entry = fullEntry();
        const changes = next() < 0.7 ? 1 : 2;
        for (let change = 0; change < changes; change++) entry = mutate(entry, next);
        const reference = schema.safeParse(entry);
        if (isPlainOperationUsage(entry, maxCount)) {
          plain++;
          expect({ round, maxCount, entry, success: reference.success }).toMatchObject({ success: true });
          expect(reference.data).toEqual(entry);
        } else if (!reference.success) refused++;
      }
    }
    // The mutations reach both sides: many entries stay plain, many break the contract.
    expect(plain).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(1500);
  });

  it('leaves a `__proto__` key (which the schemas drop) to the schemas', () => {
    for (const field of ['errorCodes', 'variableCoordinates', 'subgraphFetches']) {
      const entry = fullEntry();
      const [client] = entry.clients as Record<string, Record<string, unknown>>[];
      const value = field === 'subgraphFetches' ? { fetches: 1, errors: 0, latencyHistogram: histogram(1) } : 1;
      const withProto = JSON.parse(
        JSON.stringify({ ...client, [field]: {} }).replace(
          `"${field}":{}`,
          `"${field}":{"__proto__":${JSON.stringify(value)}}`,
        ),
      );
      expect(Object.keys(withProto[field])).toEqual(['__proto__']);
      expect(isPlainOperationUsage({ ...entry, clients: [withProto] }, UsageReportLimits.maxCountPerEntry)).toBe(false);
    }
  });

  it('leaves refusals to the schemas, which name the entry and the reason', () => {
    const entry = fullEntry();
    const clients = entry.clients as Record<string, unknown>[];
    const broken = { ...entry, clients: [{ ...clients[0], errorCodes: { SUBGRAPH_TIMEOUT: 3 } }, clients[1]] };
    expect(isPlainOperationUsage(broken, UsageReportLimits.maxCountPerEntry)).toBe(false);
    const report = usageReport(new Date('2026-01-01T10:00:00Z'), [broken as never]);
    expect(validateUsageReport(report)).toMatchObject({
      ok: true,
      refused: [{ operation: 0, client: 0, code: 'INVALID_ENTRY', message: expect.stringContaining('errorCodes') }],
    });
  });
});
