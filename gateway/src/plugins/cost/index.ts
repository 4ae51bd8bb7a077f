export { calculateActualCost } from './calculateActualCost';
export { type CostInput, calculateCost } from './calculateCost';
export { buildCostModel, type CostModel, type ListSize } from './costModel';
export { type CostDecision, type CostLimits, type CostStep, createCostStep } from './costStep';
