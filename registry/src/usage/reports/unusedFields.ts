import type { Executor } from '../../db/openDatabase';
import { type FieldUsage, fieldUsage } from './fieldUsage';
import type { UsageWindow } from './usageWindow';

/** Inputs of the unused fields report. */
export interface UnusedFieldsInput {
  variantId: string;
  apiSchemaSdl: string;
  window: UsageWindow;
}

/**
 * Elements of the current API schema no request used in the window — candidates for deprecation and removal.
 * `lastSeen` says whether one was used before the window. Values of output-only enums are left out: requests never
 * name them, so no count could show them used.
 */
export async function unusedFields(db: Executor, input: UnusedFieldsInput): Promise<FieldUsage[]> {
  return (await fieldUsage(db, input)).filter((field) => field.requests === 0 && field.measured);
}
