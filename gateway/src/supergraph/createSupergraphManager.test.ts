import type { DocumentNode } from 'graphql';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { prepareSupergraphDocument } from '../plugins/authorization/prepareSupergraphForGateway';
import { testSupergraph } from '../plugins/testing/fixtures';
import { createSupergraphManager } from './createSupergraphManager';
import type { SupergraphUpdate } from './source';
import { validateSupergraph } from './validateSupergraph';

describe('createSupergraphManager', () => {
  it('parses each supergraph once: prepare, validate and the served model share one document', async () => {
    const sdl = testSupergraph();
    const seen: { prepared: DocumentNode[]; validated: DocumentNode[]; served: DocumentNode[] } = {
      prepared: [],
      validated: [],
      served: [],
    };
    let push: ((update: SupergraphUpdate) => void) | undefined;
    const manager = createSupergraphManager({
      source: {
        start: async (onUpdate) => {
          push = onUpdate;
          return { id: 'v1', sdl };
        },
        stop: async () => {},
      },
      logger: pino({ level: 'silent' }),
      prepare: (document, text) => {
        seen.prepared.push(document);
        return prepareSupergraphDocument(document, text);
      },
      validate: (document) => {
        seen.validated.push(document);
        return validateSupergraph(document);
      },
      onServed: (_update, document) => seen.served.push(document),
    });
    const handed: string[] = [];
    const { supergraphSdl } = await manager.initialize({
      update: (next) => handed.push(next),
      healthCheck: async () => {},
      getDataSource: () => {
        throw new Error('not used');
      },
    });
    push?.({ id: 'v2', sdl: `${sdl}\n# v2` });

    // The served document is the SDL as published (with `for: SECURITY`); Apollo gets the prepared text.
    expect(seen.served).toEqual([seen.prepared[0], seen.prepared[1]]);
    expect(seen.served[0]).toBe(seen.prepared[0]);
    expect(seen.served[1]).toBe(seen.prepared[1]);
    expect(seen.validated).toHaveLength(2);
    expect(seen.validated[0]).not.toBe(seen.served[0]);
    expect(sdl).toContain('for: SECURITY');
    expect(supergraphSdl).not.toContain('for: SECURITY');
    expect(handed).toHaveLength(1);
    expect(manager.current()?.id).toBe('v2');
  });

  it('keeps serving the previous supergraph when the next does not validate', async () => {
    const sdl = testSupergraph();
    let push: ((update: SupergraphUpdate) => void) | undefined;
    const served: string[] = [];
    const manager = createSupergraphManager({
      source: {
        start: async (onUpdate) => {
          push = onUpdate;
          return { id: 'v1', sdl };
        },
        stop: async () => {},
      },
      logger: pino({ level: 'silent' }),
      prepare: prepareSupergraphDocument,
      onServed: (update) => served.push(update.id),
    });
    await manager.initialize({
      update: () => {},
      healthCheck: async () => {},
      getDataSource: () => {
        throw new Error('not used');
      },
    });
    push?.({ id: 'broken', sdl: 'type Query { a: String }' });
    push?.({ id: 'unparsable', sdl: 'type Query {' });
    expect(served).toEqual(['v1']);
    expect(manager.current()?.id).toBe('v1');
  });
});
