import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createDocumentStore } from './createDocumentStore';
import { estimateBytes } from './estimateBytes';

describe('createDocumentStore', () => {
  const query = (i: number) => parse(`query Q${i} { ${Array.from({ length: 50 }, (_, f) => `f${f}`).join(' ')} }`);

  it('keeps documents up to DOCUMENT_CACHE_BYTES and evicts the least recently used', async () => {
    const oneDocument = estimateBytes(query(0)) + 64;
    const store = createDocumentStore(oneDocument * 3);
    for (let i = 0; i < 10; i++) await store?.set(`schema:${i}`, query(i));
    const kept = await Promise.all(Array.from({ length: 10 }, (_, i) => store?.get(`schema:${i}`)));
    expect(kept.filter(Boolean).length).toBeLessThanOrEqual(3);
    expect(kept.at(-1)).toBeDefined();
    expect(kept[0]).toBeUndefined();
  });

  it('is no store at all at 0 bytes, so Apollo parses and validates every request', () => {
    expect(createDocumentStore(0)).toBeNull();
  });
});
