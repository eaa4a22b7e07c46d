import { pino, stdSerializers, type Logger } from 'pino';
import { maskSecrets } from './domain/privacy.js';

export type { Logger };

/**
 * Fields of a database error that carry row data: pg's detail ("Failing row contains (…)"), where
 * ("JSON data, line 1: …"), hint, PGlite's query parameters. Dropped from every logged error.
 */
const ROW_DATA_FIELDS = ['detail', 'where', 'hint', 'internalQuery', 'params', 'parameters', 'query', 'queryOptions'];

/** An error as logged: pino's usual shape without the fields above, causes included. */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out = stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const field of ROW_DATA_FIELDS) delete out[field];
  if (out.cause instanceof Error) out.cause = serializeError(out.cause);
  return out;
}

/**
 * JSON logs. ID-card numbers and phones are never written in full: every line goes through maskSecrets
 * (domain/privacy, the same function chat, pages and exports use) on its way out, whatever field holds them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    serializers: { err: serializeError },
    redact: {
      paths: ['*.id_number', '*.idNumber', '*.phone', '*.*.id_number', '*.*.phone', 'req.headers.authorization'],
      censor: '[masked]',
    },
    hooks: { streamWrite: maskSecrets },
  };
  return destination ? pino(options, destination) : pino(options);
}
