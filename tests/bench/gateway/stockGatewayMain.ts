/**
 * Child process of the gateway benchmark: stock `@apollo/gateway` under Apollo Server's standalone server, over the
 * supergraph file at SUPERGRAPH, on 127.0.0.1:PORT. Its only additions are what the subgraphs require of any
 * gateway: the SDL without the `for: SECURITY` links it refuses. It signs no identity, so subgraphs see it as anonymous.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { prepareSupergraphForGateway } from '../../../gateway/src/plugins/authorization/prepareSupergraphForGateway';
import { announceReady } from './readyLine';

const supergraphPath = process.env.SUPERGRAPH;
if (!supergraphPath) throw new Error('SUPERGRAPH must name the supergraph file');

const gateway = new ApolloGateway({
  supergraphSdl: prepareSupergraphForGateway(readFileSync(supergraphPath, 'utf8')),
  buildService: ({ url }) => new RemoteGraphQLDataSource({ url }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' },
});
announceReady({ url });

process.once('SIGTERM', () => {
  server.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
