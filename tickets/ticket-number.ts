import type { PrismaClient } from '../prisma/client.ts';

type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * The next ticket number of a year, `SIT-YYYY-NNNNN`. One upsert statement increments the year's
 * row under PostgreSQL's row lock, so parallel creates on several instances never share a number;
 * inside the caller's transaction, a rolled-back ticket also returns its number.
 */
export async function nextTicketNumber(transaction: Transaction, year: number): Promise<string> {
  const rows = await transaction.$queryRaw<{ lastValue: number }[]>`
    INSERT INTO "TicketNumberSequence" ("year", "lastValue") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "lastValue" = "TicketNumberSequence"."lastValue" + 1
    RETURNING "lastValue"`;
  const value = rows[0]?.lastValue;
  if (value === undefined) throw new Error('ticket number sequence returned no row');
  return formatTicketNumber(year, value);
}

export function formatTicketNumber(year: number, value: number): string {
  return `SIT-${year}-${String(value).padStart(5, '0')}`;
}

/** Finds a ticket number in free text (subject lines, chat); tolerant of case and spacing. */
export function findTicketNumber(text: string): string | undefined {
  const match = /\bSIT[-\s]?(\d{4})[-\s]?(\d{1,5})\b/i.exec(text);
  return match ? formatTicketNumber(Number(match[1]), Number(match[2])) : undefined;
}

export type { Transaction };
