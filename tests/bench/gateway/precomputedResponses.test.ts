import { describe, expect, it } from 'vitest';
import { CallerKind, createPrecomputedResponses } from './precomputedResponses';

const answer = (text: string) => ({ status: 200, body: Buffer.from(text) });

describe('createPrecomputedResponses', () => {
  it('answers exactly the recorded request of that subgraph and caller kind', () => {
    const store = createPrecomputedResponses();
    store.record('catalog', CallerKind.SIGNED, '{"query":"{a}"}', answer('{"data":{"a":1}}'));
    store.record('catalog', CallerKind.ANONYMOUS, '{"query":"{a}"}', answer('{"data":{"a":2}}'));
    expect(store.lookup('catalog', CallerKind.SIGNED, '{"query":"{a}"}')?.body.toString()).toBe('{"data":{"a":1}}');
    expect(store.lookup('catalog', CallerKind.ANONYMOUS, '{"query":"{a}"}')?.body.toString()).toBe('{"data":{"a":2}}');
    expect(store.lookup('orders', CallerKind.SIGNED, '{"query":"{a}"}')).toBeUndefined();
    expect(store.lookup('catalog', CallerKind.SIGNED, '{"query":"{b}"}')).toBeUndefined();
    expect(store.size).toBe(2);
  });

  it('keeps one copy of a request answered the same twice, and refuses one answered differently', () => {
    const store = createPrecomputedResponses();
    store.record('catalog', CallerKind.SIGNED, 'body', answer('same'));
    store.record('catalog', CallerKind.SIGNED, 'body', answer('same'));
    expect(store.size).toBe(1);
    expect(() => store.record('catalog', CallerKind.SIGNED, 'body', answer('other'))).toThrow(
      /answered the same signed request differently/,
    );
  });
});
