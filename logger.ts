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

// Addresses reach a log only by accident (a mail server's error message, an exception about a
// row): every string written is stripped of them. Names and message text are never logged at all.
const emailAddress = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** `text` with every e-mail address replaced by "[E-Mail]" (also used for text sent to a model). */
export function maskEmailAddresses(text: string): string {
  return text.replace(emailAddress, '[E-Mail]');
}

function withoutAddresses(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskEmailAddresses(value);
  if (depth > 6 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => withoutAddresses(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutAddresses(item, depth + 1)]));
}

export function createLogger({ level = 'info', destination }: CreateLoggerOptions = {}): Logger {
  const options = {
    level,
    redact: { paths: redactedPaths, censor: '[verborgen]' },
    base: { service: 'schulit' },
    serializers: { err: (error: Error) => withoutAddresses(pino.stdSerializers.err(error)) },
    formatters: { log: (object: Record<string, unknown>) => withoutAddresses(object) as Record<string, unknown> },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...parameters: unknown[]) => void) {
        method.apply(this, args.map((argument) => (typeof argument === 'string' ? withoutAddresses(argument) : argument)));
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
