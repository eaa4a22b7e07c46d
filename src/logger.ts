import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs; ID-card numbers and phones are never written in full (see maskSecrets in domain/privacy). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['*.id_number', '*.idNumber', '*.phone', '*.*.id_number', '*.*.phone', 'req.headers.authorization'],
      censor: '[masked]',
    },
  });
}
