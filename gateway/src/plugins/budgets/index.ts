export { type BudgetStep, createBudgetStep, createBudgetStore } from './budgetStep';
export type { BucketShape, BudgetStore, BudgetTake } from './budgetStore';
export { createMemoryBudgetStore } from './memoryBudgetStore';
export { createRedisBudgetStore, type RedisBudgetStoreOptions } from './redisBudgetStore';
