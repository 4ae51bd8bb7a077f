import { builder } from '../builder';

/** A graph and the names of its variants. */
export interface GraphSummary {
  name: string;
  variants: string[];
}

export const GraphSummaryRef = builder.objectRef<GraphSummary>('GraphSummary').implement({
  description: 'A graph the token can read, with its variants.',
  fields: (t) => ({
    name: t.exposeString('name'),
    variants: t.exposeStringList('variants', { description: 'Variant names, sorted.' }),
  }),
});
