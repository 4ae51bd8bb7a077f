import type { ErrorCodeCountRow } from '../repositories/usageErrorCodeRepository';
import type { UsageReport } from './contract';

/** The UTC hour a report's error codes are filed under: the one its window starts in. */
export function errorCodeHourOf(iso: string): Date {
  const time = Date.parse(iso);
  return new Date(time - (((time % 3_600_000) + 3_600_000) % 3_600_000));
}

/**
 * A validated report's failed requests per (operation, client version, error code), summed where a report names a
 * client version twice and sorted by that key, ready for `addOperationErrorCodes`.
 */
export function errorCodeRows(report: UsageReport): ErrorCodeCountRow[] {
  const rows = new Map<string, ErrorCodeCountRow>();
  for (const operation of report.operations) {
    for (const client of operation.clients) {
      for (const [code, count] of Object.entries(client.errorCodes ?? {})) {
        if (count === 0) continue;
        const key = [operation.signature, client.name, client.version, code].join('\u0000');
        const existing = rows.get(key);
        if (existing) existing.count += count;
        else
          rows.set(key, {
            signature: operation.signature,
            clientName: client.name,
            clientVersion: client.version,
            code,
            count,
          });
      }
    }
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
