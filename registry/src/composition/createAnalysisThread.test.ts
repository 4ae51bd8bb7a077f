import { describe, expect, it } from 'vitest';
import { composeSupergraph } from './composeSupergraph';
import { createAnalysisThread } from './createAnalysisThread';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
/** A plain third-party graph: a bookshop's books and their authors. */
const books = (extra: string) => ({
  name: 'books',
  url: 'http://books.test/graphql',
  sdl: `${link}\ntype Query { book(isbn: ID!): Book }\ntype Book @key(fields: "isbn") { isbn: ID! title: String! ${extra} }`,
});
const authors = {
  name: 'authors',
  url: 'http://authors.test/graphql',
  sdl: `${link}\ntype Book @key(fields: "isbn") { isbn: ID! author: String }`,
};

function composed(extra: string) {
  const result = composeSupergraph([authors, books(extra)]);
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result;
}

describe('createAnalysisThread', () => {
  it('diffs a candidate on its own thread, then answers the next one, and rejects with what the analysis threw', async () => {
    const thread = createAnalysisThread();
    const served = composed('');
    const candidate = composed('pages: Int');
    const task = {
      servedApiSdl: served.apiSchemaSdl,
      servedSupergraphSdl: served.supergraphSdl,
      supergraphSdl: candidate.supergraphSdl,
      apiSchemaSdl: candidate.apiSchemaSdl,
      subgraphNames: ['authors', 'books'],
      contracts: [],
    };
    await expect(thread.analyse(task)).resolves.toEqual({
      changes: [expect.objectContaining({ type: 'FIELD_ADDED', coordinate: 'Book.pages', criticality: 'SAFE' })],
      ownershipMoves: [],
      contracts: [],
    });
    await expect(thread.analyse({ ...task, apiSchemaSdl: 'type Query {' })).rejects.toThrow(/Syntax Error/);
    await expect(thread.analyse({ ...task, servedApiSdl: candidate.apiSchemaSdl })).resolves.toMatchObject({
      changes: [],
    });
  });
});
