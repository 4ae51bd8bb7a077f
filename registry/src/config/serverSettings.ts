import { z } from 'zod';
import { defaultWorkMem } from '../db/openDatabase';
import { MiB } from './settingTypes';

/** Where the registry listens, what it stores in, its admin token, request size limits and logging. */
export const serverEnv = z.object({
  /** Port of the registry's HTTP server. Default 4100. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  /** Interface to listen on. Default `0.0.0.0`. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** PostgreSQL connection URL; when unset the registry stores its data in embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * Memory each sort or hash of a registry query may use before spilling to disk (PostgreSQL's `work_mem`, set on
   * every connection). Default 32MB: the usage reports' aggregates over 30 days of a 10,000-field graph fit in it.
   */
  DATABASE_WORK_MEM: z
    .string()
    .regex(/^[1-9]\d*(kB|MB|GB)$/, 'must be a size like 4MB or 512kB')
    .default(defaultWorkMem),
  /** Directory of the embedded PGlite database; `memory://` keeps it in memory. Default `.switchyard/registry`. */
  DATA_DIR: z.string().min(1).default('.switchyard/registry'),
  /** Admin token ensured at start (stored hashed). When unset, an empty registry prints a generated one once. */
  SWITCHYARD_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Largest subgraph SDL accepted by publish and check, in bytes. Default 2 MiB. */
  MAX_SDL_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * MiB),
  /** Largest HTTP request body accepted, in bytes. Default 5 MiB. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * MiB),
  /** pino log level. Default `info`. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The registry's pino log level. */
export type LogLevel = z.output<typeof serverEnv>['LOG_LEVEL'];

/** Server, storage and request size settings. */
export interface ServerSettings {
  port: number;
  host: string;
  database: {
    /** PostgreSQL URL; PGlite when unset. */
    url?: string;
    /** PGlite data directory; `undefined` keeps PGlite in memory (tests). */
    dataDir?: string;
    /** `work_mem` of every connection (`DATABASE_WORK_MEM`). */
    workMem?: string;
  };
  /** Admin token to ensure at start, if any. */
  adminToken?: string;
  limits: { maxSdlBytes: number; maxBodyBytes: number };
  logLevel: LogLevel;
}

export function toServerSettings(parsed: z.output<typeof serverEnv>): ServerSettings {
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    database: {
      ...(parsed.DATABASE_URL ? { url: parsed.DATABASE_URL } : { dataDir: parsed.DATA_DIR }),
      workMem: parsed.DATABASE_WORK_MEM,
    },
    adminToken: parsed.SWITCHYARD_ADMIN_TOKEN,
    limits: { maxSdlBytes: parsed.MAX_SDL_BYTES, maxBodyBytes: parsed.MAX_BODY_BYTES },
    logLevel: parsed.LOG_LEVEL,
  };
}
