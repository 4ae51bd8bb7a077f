import { Criticality } from '../changes/types';
import type { CheckCostSettings } from './checkCostSettings';
import type { DocumentToPrice, OperationPricer } from './createOperationPricer';

/** Where a checked operation comes from: traffic in the check window, or a persisted document of a client version. */
export const CostSource = { USAGE: 'USAGE', PERSISTED: 'PERSISTED' } as const;
export type CostSource = (typeof CostSource)[keyof typeof CostSource];

/** An operation a check prices, with who sends it. */
export interface OperationToPrice extends DocumentToPrice {
  source: CostSource;
  /** The usage signature, or the persisted document's id. */
  id: string;
  /** The client versions sending it (`web 1.0`), sorted. */
  clients: string[];
}

/** An operation the candidate makes costlier by more than the threshold, or prices over the gateway's limit. */
export interface OperationCostChange {
  /** DANGEROUS for a rise over the threshold, BREAKING when the candidate prices it over the limit. */
  criticality: Extract<Criticality, 'BREAKING' | 'DANGEROUS'>;
  source: CostSource;
  id: string;
  /** The operation's name; null for an anonymous one. */
  operation: string | null;
  clients: string[];
  /** Estimated cost under the served supergraph; null when it did not price there (a new document). */
  before: number | null;
  /** Estimated cost under the candidate (`Number.MAX_SAFE_INTEGER` for one over the gateway's node limit). */
  after: number;
  /** Rise in percent, rounded; null without a cost before. */
  increasePercent: number | null;
  /** The gateway limit compared against (`CHECK_COST_MAX_COST`). */
  limit: number;
  message: string;
}

/**
 * Compares each operation's cost under the served supergraph and the candidate: a candidate that prices it over
 * `maxCost` when the served one did not is BREAKING (the gateway would refuse it), a rise of more than
 * `increasePercent` is DANGEROUS. Operations the candidate cannot price (it no longer validates: a breaking schema
 * change says so) are left out. Costliest rises first.
 */
export function compareOperationCosts(
  operations: readonly OperationToPrice[],
  before: OperationPricer,
  after: OperationPricer,
  settings: Pick<CheckCostSettings, 'increasePercent' | 'maxCost'>,
): OperationCostChange[] {
  const found: OperationCostChange[] = [];
  for (const operation of operations) {
    const next = finite(after(operation));
    if (next === undefined) continue;
    const previous = finite(before(operation)) ?? null;
    const increasePercent = previous === null ? null : Math.round(((next - previous) / Math.max(previous, 1)) * 100);
    const overLimit = next > settings.maxCost && (previous === null || previous <= settings.maxCost);
    const rose = increasePercent !== null && increasePercent > settings.increasePercent;
    if (!overLimit && !rose) continue;
    const name = operation.operationName ?? operation.id.slice(0, 12);
    const from = previous === null ? 'new' : `${previous}`;
    found.push({
      criticality: overLimit ? Criticality.BREAKING : Criticality.DANGEROUS,
      source: operation.source,
      id: operation.id,
      operation: operation.operationName,
      clients: operation.clients,
      before: previous,
      after: next,
      increasePercent,
      limit: settings.maxCost,
      message: overLimit
        ? `Operation ${name} would cost ${next} (was ${from}), over the gateway's limit of ${settings.maxCost}: the gateway would refuse it. Bound the lists it selects (@listSize slicingArguments or a smaller assumedSize), or raise MAX_QUERY_COST and CHECK_COST_MAX_COST together.`
        : `Operation ${name} would cost ${next} instead of ${from} (+${increasePercent}%, over the ${settings.increasePercent}% threshold). Check the @cost and @listSize weights this change sets on what it selects.`,
    });
  }
  return sortCostChanges(found);
}

/** Breaking first, then the largest rises (new documents first), then by id. */
export function sortCostChanges(changes: readonly OperationCostChange[]): OperationCostChange[] {
  return [...changes].sort(
    (a, b) =>
      (a.criticality === b.criticality ? 0 : a.criticality === Criticality.BREAKING ? -1 : 1) ||
      (b.increasePercent ?? Number.MAX_SAFE_INTEGER) - (a.increasePercent ?? Number.MAX_SAFE_INTEGER) ||
      a.id.localeCompare(b.id),
  );
}

function finite(cost: number | undefined): number | undefined {
  if (cost === undefined) return undefined;
  return Number.isFinite(cost) ? cost : Number.MAX_SAFE_INTEGER;
}
