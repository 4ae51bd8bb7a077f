import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { floodDocument, percentile } from './floodDocument';

describe('floodDocument', () => {
  it('is a valid document of about the asked size, about 48,000 fields per megabyte', () => {
    const document = floodDocument(1_000_000);
    expect(document.length).toBeGreaterThanOrEqual(1_000_000);
    expect(document.length).toBeLessThan(1_000_100);
    const selections = parse(document).definitions[0];
    expect(selections && 'selectionSet' in selections ? selections.selectionSet?.selections.length : 0).toBe(47_619);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([percentile(values, 50), percentile(values, 99), percentile(values, 100)]).toEqual([50, 99, 100]);
    expect(percentile([], 50)).toBeNaN();
  });
});
