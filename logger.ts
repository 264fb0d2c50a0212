import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths that may carry secrets. Tokens and passwords never reach a log, whatever a caller passes:
 * pino replaces these values before a line is written.
 */
const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.apiKey',
  '*.accessToken',
  '*.secret',
  '*.AI_API_KEY',
  '*.DATABASE_URL',
  '*.MicrosoftAppPassword',
  '*.SMTP_URL',
  '*.IMAP_PASSWORD',
  '*.IMAP_ACCESS_TOKEN',
  '*.pass',
  'password',
  'token',
  'apiKey',
];

export interface CreateLoggerOptions {
  level?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to inspect the output. */
  destination?: NodeJS.WritableStream;
}

export function createLogger({ level = 'info', destination }: CreateLoggerOptions = {}): Logger {
  const options = { level, redact: { paths: redactedPaths, censor: '[verborgen]' }, base: { service: 'schulit' } };
  return destination ? pino(options, destination) : pino(options);
}
