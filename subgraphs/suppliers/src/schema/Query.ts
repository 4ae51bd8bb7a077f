import { checkPageSize, decodeCursor, encodeCursor, toPage } from '@switchyard/subgraph-kit';
import { builder } from '../builder';
import { listSuppliers } from '../db/listSuppliers';
import { connectionType } from './connection';
import { Offer } from './Offer';
import { Supplier } from './Supplier';

const SupplierConnection = connectionType('Supplier', Supplier, 'suppliers');

builder.queryType({
  description: 'Entry points of the suppliers subgraph.',
  fields: (t) => ({
    supplier: t.field({
      type: Supplier,
      nullable: true,
      description: 'A supplier by id; null when there is none.',
      args: { id: t.arg.id({ required: true, description: 'Id of the supplier.' }) },
      resolve: (_root, { id }, { loaders }) => loaders.supplier.load(String(id)),
    }),
    suppliers: t.field({
      type: SupplierConnection,
      description: 'All suppliers, by id.',
      listSize: { slicingArguments: ['first'], sizedFields: ['edges'] },
      args: {
        first: t.arg.int({
          defaultValue: 20,
          description: 'How many suppliers to return, at most the configured page size.',
        }),
        after: t.arg.string({ description: 'Cursor of the item to continue after (`pageInfo.endCursor`).' }),
      },
      resolve: async (_root, args, { db, maxPageSize }) => {
        const first = checkPageSize(args.first ?? 20, maxPageSize);
        const after = args.after ? decodeCursor(args.after, 1)[0] : null;
        const { rows, totalCount } = await listSuppliers(db, { limit: first + 1, after });
        return toPage(rows, first, totalCount, (row) => encodeCursor([row.id]));
      },
    }),
    offer: t.field({
      type: Offer,
      nullable: true,
      description: 'An offer by id; null when there is none.',
      args: { id: t.arg.id({ required: true, description: 'Id of the offer.' }) },
      resolve: (_root, { id }, { loaders }) => loaders.offer.load(String(id)),
    }),
  }),
});
