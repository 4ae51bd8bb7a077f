import { builder } from '../builder';
import { listProcedures } from '../db/listProcedures';
import { searchSupplies } from '../db/searchSupplies';
import { CatalogError } from '../errors';
import { checkPageSize, decodeCursor, encodeCursor, toPage } from '@switchyard/subgraph-kit';
import { connectionType } from './connection';
import { Procedure } from './Procedure';
import { Supply } from './Supply';
import { SupplyCategory } from './SupplyCategory';

/** Longest search text accepted; longer is a `BAD_USER_INPUT` error rather than a slow scan. */
export const MAX_SEARCH_LENGTH = 100;

const SupplyConnection = connectionType('Supply', Supply, 'supplies');
const ProcedureConnection = connectionType('Procedure', Procedure, 'procedures');

builder.queryType({
  description: 'Entry points of the catalog subgraph.',
  fields: (t) => ({
    supply: t.field({
      type: Supply,
      nullable: true,
      description: 'A supply by id; null when there is none.',
      args: { id: t.arg.id({ required: true, description: 'Id of the supply.' }) },
      resolve: (_root, { id }, { loaders }) => loaders.supply.load(String(id)),
    }),
    supplyBySku: t.field({
      type: Supply,
      nullable: true,
      description: 'A supply by its stock keeping unit; null when there is none.',
      args: { sku: t.arg.string({ required: true, description: 'Stock keeping unit, exactly as printed.' }) },
      resolve: (_root, { sku }, { loaders }) => loaders.supplyBySku.load(sku),
    }),
    searchSupplies: t.field({
      type: SupplyConnection,
      description:
        'Supplies whose name or SKU contains `query` (ignoring case), optionally of one category, by name then id.',
      listSize: { slicingArguments: ['first'], sizedFields: ['edges'] },
      args: {
        query: t.arg.string({
          description: `Text to look for in the name or SKU, at most ${MAX_SEARCH_LENGTH} characters; all supplies when empty.`,
        }),
        category: t.arg({ type: SupplyCategory, description: 'Only supplies of this category.' }),
        first: t.arg.int({
          defaultValue: 20,
          description: 'How many supplies to return, at most the configured page size.',
        }),
        after: t.arg.string({ description: 'Cursor of the item to continue after (`pageInfo.endCursor`).' }),
      },
      resolve: async (_root, args, { db, maxPageSize }) => {
        const first = checkPageSize(args.first ?? 20, maxPageSize);
        if (args.query && args.query.length > MAX_SEARCH_LENGTH) {
          throw new CatalogError('BAD_USER_INPUT', `\`query\` must be at most ${MAX_SEARCH_LENGTH} characters.`, {
            argument: 'query',
            limit: MAX_SEARCH_LENGTH,
          });
        }
        const [name = '', id = ''] = args.after ? decodeCursor(args.after, 2) : [];
        const { rows, totalCount } = await searchSupplies(db, {
          query: args.query,
          category: args.category,
          limit: first + 1,
          after: args.after ? { name, id } : null,
        });
        return toPage(rows, first, totalCount, (row) => encodeCursor([row.name, row.id]));
      },
    }),
    procedure: t.field({
      type: Procedure,
      nullable: true,
      description: 'A procedure by id; null when there is none.',
      args: { id: t.arg.id({ required: true, description: 'Id of the procedure.' }) },
      resolve: (_root, { id }, { loaders }) => loaders.procedure.load(String(id)),
    }),
    procedures: t.field({
      type: ProcedureConnection,
      description: 'All procedures, by id.',
      listSize: { slicingArguments: ['first'], sizedFields: ['edges'] },
      args: {
        first: t.arg.int({
          defaultValue: 20,
          description: 'How many procedures to return, at most the configured page size.',
        }),
        after: t.arg.string({ description: 'Cursor of the item to continue after (`pageInfo.endCursor`).' }),
      },
      resolve: async (_root, args, { db, maxPageSize }) => {
        const first = checkPageSize(args.first ?? 20, maxPageSize);
        const after = args.after ? decodeCursor(args.after, 1)[0] : null;
        const { rows, totalCount } = await listProcedures(db, { limit: first + 1, after });
        return toPage(rows, first, totalCount, (row) => encodeCursor([row.id]));
      },
    }),
  }),
});
