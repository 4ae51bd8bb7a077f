export { buildCostModel, type CostInput, type CostModel, calculateCost, type ListSize } from '@switchyard/cost-model';
export { calculateActualCost } from './calculateActualCost';
export { type CostDecision, type CostLimits, type CostStep, createCostStep } from './costStep';
