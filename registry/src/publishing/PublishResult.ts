import type { SchemaChange, SchemaError } from '../changes/types';
import type { SupergraphVersionRow } from '../db/schema';
import type { PublishStatus } from './PublishStatus';

/** What publish and delete answer: an expected outcome, never an exception. */
export interface PublishResult {
  status: PublishStatus;
  /** One sentence for the CLI to print. */
  message: string;
  /** The version now served: the new one when PUBLISHED, the current one when UNCHANGED. */
  supergraphVersion: SupergraphVersionRow | null;
  changes: SchemaChange[];
  errors: SchemaError[];
  warnings: SchemaError[];
  /** What a publish with `create` created (for the audit log); absent or false when it created nothing. */
  created?: { graph: boolean; variant: boolean };
}
