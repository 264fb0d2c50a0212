import type { z } from 'zod';

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

const typeNames: Record<string, string> = { string: 'ein Text', number: 'eine Zahl', int: 'eine ganze Zahl', boolean: 'wahr oder falsch', object: 'ein Objekt', array: 'eine Liste', date: 'ein Datum' };
const formatNames: Record<string, string> = { email: 'E-Mail-Adresse', url: 'Adresse (URL)', datetime: 'Zeitangabe (ISO 8601 mit Zeitzone, z. B. 2027-01-13T14:00:00+01:00)', date: 'Datumsangabe (JJJJ-MM-TT)', uuid: 'Kennung', regex: 'Angabe' };
const sizeUnits: Record<string, [string, string]> = { string: ['Zeichen', 'Zeichen'], array: ['Eintrag', 'Einträge'], set: ['Eintrag', 'Einträge'], file: ['Byte', 'Byte'] };

/** What is wrong with one field, in German; the field's name comes before it ("„user.email“ ist …"). */
function germanIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return (issue as { input?: unknown }).input === undefined ? 'fehlt' : `muss ${typeNames[issue.expected] ?? issue.expected} sein`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'hat nicht die verlangte Form' : `ist keine gültige ${formatNames[issue.format] ?? 'Angabe'}`;
    case 'too_small':
    case 'too_big': {
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const unit = sizeUnits[issue.origin];
      if (!unit) return issue.code === 'too_small' ? `muss mindestens ${limit} sein` : `darf höchstens ${limit} sein`;
      const counted = `${limit.toLocaleString('de-DE')} ${limit === 1 ? unit[0] : unit[1]}`;
      return issue.code === 'too_small' ? (limit === 1 && issue.origin === 'string' ? 'darf nicht leer sein' : `braucht mindestens ${counted}`) : `darf höchstens ${counted} haben`;
    }
    case 'invalid_value':
      return `muss einer dieser Werte sein: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `enthält unbekannte Felder: ${issue.keys.join(', ')}`;
    case 'custom':
      // Our own refinements carry German sentences.
      return issue.message;
    default:
      return 'ist ungültig';
  }
}

/**
 * Validates input against a schema; a failure is an `invalid_input` AppError whose German sentence
 * and `details` name each field and what is wrong with it (never the value itself).
 */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, { message, german = 'Die Angaben sind unvollständig oder ungültig' }: { message: string; german?: string }): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: germanIssue(issue) }));
  const problems = details.map((detail) => (detail.path ? `„${detail.path}“ ${detail.message}` : `die Anfrage ${detail.message}`));
  throw new AppError('invalid_input', message, { german: `${german}: ${problems.join('; ')}.`, details });
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
