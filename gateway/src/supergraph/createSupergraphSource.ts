import { createRegistrySupergraphSource } from '@switchyard/registry-client';
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
      return createRegistrySupergraphSource({
        url: config.url,
        graph: config.graph,
        variant: config.variant,
        token: config.token,
        pollIntervalMs: config.pollIntervalMs,
        cachePath: config.cachePath,
        logger: logger.child({ registry: config.url, graph: config.graph, variant: config.variant }),
      });
    default: {
      const unknown: never = config;
      throw new Error(`Unknown supergraph source ${JSON.stringify(unknown)}`);
    }
  }
}
