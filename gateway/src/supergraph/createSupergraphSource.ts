import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import { createFileSupergraphSource } from './createFileSupergraphSource';
import type { SupergraphSource } from './source';

/** The supergraph source the configuration names: a watched file, or the registry. */
export function createSupergraphSource(config: GatewayConfig['supergraph'], logger: Logger): SupergraphSource {
  switch (config.kind) {
    case 'file':
      return createFileSupergraphSource({ path: config.path, logger });
    case 'registry':
      // REGISTRY SOURCE: plug `createRegistrySupergraphSource` from `@switchyard/registry/client` in here once
      // that module exists (it implements `SupergraphSource` with {url, graph, variant, token, pollIntervalMs,
      // cachePath, logger}).
      throw new Error('The registry supergraph source is not available in this build; use --supergraph <file>.');
    default: {
      const unknown: never = config;
      throw new Error(`Unknown supergraph source ${JSON.stringify(unknown)}`);
    }
  }
}
