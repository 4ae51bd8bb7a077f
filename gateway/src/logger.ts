import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * The gateway's structured JSON logger. Each request gets a child carrying `requestId` and `traceId`, so log lines
 * of one request can be found together and joined with its trace.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ name: 'switchyard-gateway', level }, destination);
}
