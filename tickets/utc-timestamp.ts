import { Prisma } from '../prisma/client.ts';

/**
 * A moment as a SQL timestamp literal for the UTC columns without zone (Prisma's DateTime):
 * compared as such, whatever the database server's TimeZone.
 */
export const utcTimestamp = (date: Date) => Prisma.sql`${date.toISOString().slice(0, -1)}::timestamp`;
