import { AppError } from '../errors.ts';
import type { TicketCategory } from '../prisma/client.ts';

/** The placeholders a canned reply may use, with what they stand for (shown to advisors). */
export const cannedReplyPlaceholders = [
  { name: 'name', description: 'Name der anfragenden Person' },
  { name: 'ticket', description: 'Vorgangsnummer, z. B. SIT-2026-00042' },
  { name: 'betreff', description: 'Betreff des Vorgangs' },
  { name: 'schultraeger', description: 'Schulträger des Vorgangs' },
  { name: 'schule', description: 'Schule des Vorgangs' },
  { name: 'kategorie', description: 'Kategorie des Vorgangs' },
  { name: 'berater', description: 'Ihr Name' },
] as const;

/** A `{{name}}` placeholder in a canned reply's body. */
export const placeholderPattern = /\{\{\s*([a-zäöüß]+)\s*\}\}/gi;

export interface CannedReplyInput {
  title: string;
  body: string;
  category?: TicketCategory | null;
}

function unknownPlaceholders(body: string): string[] {
  const known = new Set<string>(cannedReplyPlaceholders.map((placeholder) => placeholder.name));
  return [...body.matchAll(placeholderPattern)].map((match) => match[1]!.toLowerCase()).filter((name) => !known.has(name));
}

export function checkBody(body: string) {
  const unknown = unknownPlaceholders(body);
  if (unknown.length > 0) {
    throw new AppError('invalid_input', `Unknown placeholders: ${unknown.join(', ')}`, {
      german: `Unbekannte Platzhalter: ${unknown.map((name) => `{{${name}}}`).join(', ')}. Erlaubt sind ${cannedReplyPlaceholders.map((placeholder) => `{{${placeholder.name}}}`).join(', ')}.`,
    });
  }
}

export function duplicateTitle(title: string): never {
  throw new AppError('conflict', `Canned reply title exists: ${title}`, { german: `Eine Textvorlage „${title}“ gibt es schon.` });
}
