import type { Executor } from '../../db/openDatabase';
import { summarizeOperations } from '../../repositories/operationUsageRepository';
import { sumOperationErrorCodes, sumUnknownDocuments } from '../../repositories/usageErrorCodeRepository';
import type { UsageWindow } from './usageWindow';

/** Who sent one operation in a window and how its requests failed. */
export interface OperationBreakdown {
  /** Each client version that sent it, busiest first. */
  clients: { name: string; version: string; requests: number; errors: number }[];
  /**
   * Failed requests per error code, busiest first (a request with several codes counts under each). Counted per
   * UTC hour: a window starting inside an hour counts that hour's codes whole. Gateways before error codes were
   * reported leave errors without a code here.
   */
  errorsByCode: { code: string; count: number }[];
  /**
   * Requests whose document no persisted document manifest held, as gateways with `PERSISTED_DOCUMENTS=log` count
   * them (0 where no gateway does). Counted per UTC hour, like the error codes.
   */
  unknownDocuments: number;
}

/** The breakdown of every operation of the window at once (three queries however many operations), by signature. */
export async function operationBreakdowns(
  db: Executor,
  input: { variantId: string; window: UsageWindow },
): Promise<Map<string, OperationBreakdown>> {
  const [perClient, codes, unknown] = await Promise.all([
    summarizeOperations(db, input.variantId, { window: input.window, perClient: true }),
    sumOperationErrorCodes(db, input.variantId, input.window),
    sumUnknownDocuments(db, input.variantId, input.window),
  ]);
  const bySignature = new Map<string, OperationBreakdown>();
  const of = (signature: string) => {
    let breakdown = bySignature.get(signature);
    if (!breakdown) {
      breakdown = { clients: [], errorsByCode: [], unknownDocuments: 0 };
      bySignature.set(signature, breakdown);
    }
    return breakdown;
  };
  for (const row of perClient) {
    of(row.signature).clients.push({
      name: row.clientName,
      version: row.clientVersion,
      requests: row.requests,
      errors: row.errors,
    });
  }
  for (const row of codes) of(row.signature).errorsByCode.push({ code: row.code, count: row.count });
  for (const row of unknown) of(row.signature).unknownDocuments = row.count;
  for (const breakdown of bySignature.values()) {
    breakdown.clients.sort(
      (a, b) => b.requests - a.requests || a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
    );
  }
  return bySignature;
}
