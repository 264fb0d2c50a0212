import type { PrismaClient } from '../prisma/client.ts';

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** `SIT-YYYY-NNNNN` (tickets/create-ticket.ts assigns the numbers, in SQL of the same format). */
export function formatTicketNumber(year: number, value: number): string {
  return `SIT-${year}-${String(value).padStart(5, '0')}`;
}

/** Finds a ticket number in free text (subject lines, chat); tolerant of case and spacing. */
export function findTicketNumber(text: string): string | undefined {
  const match = /\bSIT[-\s]?(\d{4})[-\s]?(\d{1,5})\b/i.exec(text);
  return match ? formatTicketNumber(Number(match[1]), Number(match[2])) : undefined;
}

export type { Transaction };
