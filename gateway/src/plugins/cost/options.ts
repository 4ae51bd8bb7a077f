/** Cost variants kept per operation, one per distinct value of its size-affecting variables. */
export const COST_VARIANTS_PER_OPERATION = 64;
