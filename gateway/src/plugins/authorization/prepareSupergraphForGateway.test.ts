import { describe, expect, it } from 'vitest';
import { testSupergraph } from '../testing/fixtures';
import { prepareSupergraphForGateway } from './prepareSupergraphForGateway';

describe('prepareSupergraphForGateway', () => {
  it('drops for: SECURITY from the features the authorization plugin enforces', () => {
    const prepared = prepareSupergraphForGateway(testSupergraph());
    expect(prepared).toContain('@link(url: "https://specs.apollo.dev/authenticated/v0.1")');
    expect(prepared).toContain('@link(url: "https://specs.apollo.dev/requiresScopes/v0.1")');
    expect(prepared).toContain('@link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION)');
    expect(prepared).toContain('@authenticated');
  });

  it('keeps for: SECURITY on features it does not enforce, so the gateway still refuses them', () => {
    const sdl =
      'schema @link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY) { query: Query } type Query { a: Int }';
    expect(prepareSupergraphForGateway(sdl)).toBe(sdl);
  });
});
