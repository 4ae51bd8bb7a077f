import { type CallerIdentity, SubgraphError, SubgraphErrorCode, withRefusal } from '@switchyard/subgraph-kit';
import { builder } from '../builder';
import { returnStock, type StockShortage, type TakeStockResult, takeStock } from '../stock/takeStock';

/** The one service allowed to take stock: orders, calling with its own credential. */
const STOCK_TAKER = 'orders';

function requireStockTaker(identity: CallerIdentity): void {
  if (identity.service === STOCK_TAKER) return;
  throw new SubgraphError(
    SubgraphErrorCode.UNAUTHENTICATED,
    withRefusal(`Only the ${STOCK_TAKER} service, with its own credential, may change stock.`, identity),
  );
}

const StockLineInput = builder.inputType('StockLineInput', {
  description: 'Units of one offer an order takes or gives back.',
  inaccessible: true,
  fields: (t) => ({
    offerId: t.id({ required: true, description: 'The offer.' }),
    quantity: t.int({ required: true, description: 'Units, at least 1.' }),
  }),
});

const StockShortageRef = builder.objectRef<StockShortage>('StockShortage').implement({
  description: 'An offer that had fewer units than asked.',
  inaccessible: true,
  fields: (t) => ({
    offerId: t.exposeID('offerId', { description: 'The offer.' }),
    available: t.exposeInt('available', { description: 'Units it has now.' }),
  }),
});

const TakeStockPayload = builder.objectRef<TakeStockResult>('TakeStockPayload').implement({
  description: 'Whether the stock of every line was taken; when not, none was.',
  inaccessible: true,
  fields: (t) => ({
    ok: t.exposeBoolean('ok', { description: 'True when every line was taken.' }),
    shortages: t.field({
      type: [StockShortageRef],
      description: 'The offers short of stock; empty when ok.',
      resolve: (result) => (result.ok ? [] : result.shortages),
    }),
  }),
});

function toLines(lines: readonly { offerId: string | number; quantity: number }[]) {
  const parsed = lines.map((line) => ({ offerId: String(line.offerId), quantity: line.quantity }));
  const bad = parsed.findIndex((line) => !Number.isInteger(line.quantity) || line.quantity < 1);
  if (bad >= 0)
    throw new SubgraphError(SubgraphErrorCode.BAD_USER_INPUT, `lines[${bad}]: quantity must be at least 1.`);
  return parsed;
}

// Hidden from the gateway's API (@inaccessible): only orders calls these, straight and with its own token.
builder.mutationType({
  description: 'Changes the suppliers subgraph makes for other services.',
  fields: (t) => ({
    takeStock: t.field({
      type: TakeStockPayload,
      inaccessible: true,
      description: 'Takes the stock of every line atomically, or of none (orders only).',
      args: { lines: t.arg({ type: [StockLineInput], required: true, description: 'What to take.' }) },
      resolve: (_root, { lines }, { identity, db }) => {
        requireStockTaker(identity);
        return takeStock(db, toLines(lines));
      },
    }),
    returnStock: t.boolean({
      inaccessible: true,
      description: 'Gives back stock taken for an order that was not written (orders only).',
      args: { lines: t.arg({ type: [StockLineInput], required: true, description: 'What to give back.' }) },
      resolve: async (_root, { lines }, { identity, db }) => {
        requireStockTaker(identity);
        await returnStock(db, toLines(lines));
        return true;
      },
    }),
  }),
});
