import { z } from 'zod';
import { parseDuration } from '../usage/reports/parseUsageWindow';

export const MiB = 1024 * 1024;

/** A duration setting (`5m`, `48h`, `2d`), kept as written; `parseDuration` reads it. */
export const duration = (message = 'must be a duration like 5m, 48h or 2d') =>
  z.string().refine((value) => parseDuration(value) !== undefined, message);

/** A `true`/`false` setting, as a boolean. Default false. */
export const flag = () =>
  z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .default(false);

/** Comma-separated host patterns (`orders.internal,*.svc.cluster.local`); blanks are dropped. */
export const hostPatterns = (message: string) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((pattern) => pattern.trim())
        .filter((pattern) => pattern !== ''),
    )
    .pipe(z.array(z.string().regex(/^(\*\.)?[A-Za-z0-9.:[\]_-]+$/, message)))
    .optional();
