export type { BucketShape, BudgetStore, BudgetTake } from './budgetStore';
export { createMemoryBudgetStore } from './memoryBudgetStore';
export type { BudgetsPluginOptions } from './options';
export { createBudgetStore, createBudgetsPlugin } from './plugin';
export { createRedisBudgetStore, type RedisBudgetStoreOptions } from './redisBudgetStore';
