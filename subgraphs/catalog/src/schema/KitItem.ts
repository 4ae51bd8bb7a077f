import { builder } from '../builder';
import type { KitItem as KitItemShape } from '../loaders/catalogLoaders';
import { Supply } from './Supply';

/** One line of a procedure's kit. */
export const KitItem = builder.objectRef<KitItemShape>('KitItem').implement({
  description: 'One line of the kit a procedure needs: a supply and how many units of it.',
  fields: (t) => ({
    supply: t.field({ type: Supply, description: 'The supply used.', resolve: (item) => item.supply }),
    quantity: t.exposeInt('quantity', { description: 'How many units of the supply one procedure uses.' }),
  }),
});
