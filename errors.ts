/**
 * The one error type. A short list of codes, mapped once to an HTTP status and once to a German
 * sentence for people; the English `message` is for logs and machines.
 */
export const errorCodes = {
  invalid_input: { status: 400, german: 'Die Anfrage ist unvollständig oder ungültig.' },
  unauthorized: { status: 401, german: 'Bitte melden Sie sich an.' },
  forbidden: { status: 403, german: 'Dafür fehlt Ihnen die Berechtigung.' },
  not_found: { status: 404, german: 'Das Gesuchte wurde nicht gefunden.' },
  conflict: { status: 409, german: 'Der Vorgang wurde inzwischen geändert. Bitte laden Sie neu und versuchen Sie es noch einmal.' },
  payload_too_large: { status: 413, german: 'Die Nachricht ist zu groß.' },
  rate_limited: { status: 429, german: 'Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment.' },
  database_locked: { status: 503, german: 'Die eingebettete Datenbank wird bereits von einem anderen Prozess verwendet.' },
  unavailable: { status: 503, german: 'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.' },
  internal: { status: 500, german: 'Es ist ein interner Fehler aufgetreten. Bitte versuchen Sie es später noch einmal.' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface AppErrorOptions {
  /** German sentence for people; defaults to the code's standard sentence. */
  german?: string;
  /** Structured details for machines (e.g. which field failed); never secrets. */
  details?: unknown;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly german: string;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, { german, details, cause }: AppErrorOptions = {}) {
    super(message, { cause });
    this.name = 'AppError';
    this.code = code;
    this.german = german ?? errorCodes[code].german;
    this.details = details;
  }

  get status(): number {
    return errorCodes[this.code].status;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
