import { pino, type Logger } from 'pino';

/** A JSON logger named after the service; `silent` in tests. */
export function createLogger(name: string, level: string): Logger {
  return pino({ name, level });
}
