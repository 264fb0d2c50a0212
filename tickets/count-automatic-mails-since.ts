import type { PrismaClient } from '../prisma/client.ts';
import { utcTimestamp } from './utc-timestamp.ts';

/**
 * How many automatic mails (acknowledgements) went to an address since a moment: the daily cap's
 * count. Every person's mail asks it; a partial index on the recipient (migration
 * outbox_automatic_recipient) keeps it to that address's rows instead of the day's whole outbox.
 */
export async function countAutomaticMailsSince({ prisma, address, since }: { prisma: PrismaClient; address: string; since: Date }): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS "count" FROM "OutboxMessage"
    WHERE "kind" = 'email' AND ("payload"->>'isAutomatic') = 'true' AND ("target"->>'to') = ${address}
      AND "createdAt" >= ${utcTimestamp(since)}`;
  return Number(row?.count ?? 0);
}
