import { domainSeed } from '@switchyard/demo-domain';
import { builder } from '../builder';

type Category = domainSeed.SupplyCategory;

// Typed by the kit's categories, so a category added there fails the typecheck until it is described here.
const values: Record<Category, { description: string }> = {
  WOUND_CARE: { description: 'Dressings, bandages and wound closure.' },
  INFECTION_CONTROL: { description: 'Gloves, masks, gowns and disinfection.' },
  INJECTION: { description: 'Needles, syringes, cannulas and sharps disposal.' },
  DIAGNOSTICS: { description: 'Test strips, rapid tests, electrodes and specimen containers.' },
  INSTRUMENTS: { description: 'Reusable and single-use clinical instruments.' },
  RESPIRATORY: { description: 'Oxygen delivery, nebulizers and breathing aids.' },
};

/** The kind of a supply, as the catalog groups it. */
export const SupplyCategory = builder.enumType('SupplyCategory', {
  description: 'The kind of a supply, as the catalog groups it.',
  values,
});

/** Reads a category stored as text; anything outside the kit's set is a data bug, not a client error. */
export function toSupplyCategory(text: string): Category {
  const category = domainSeed.SUPPLY_CATEGORIES.find((value) => value === text);
  if (!category) throw new Error(`Unknown supply category ${JSON.stringify(text)} in the catalog database.`);
  return category;
}
