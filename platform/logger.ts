import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level = 'info', name = 'gc'): Logger {
  return pino({ name, level });
}
