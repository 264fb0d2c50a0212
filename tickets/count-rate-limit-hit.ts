import type { PrismaClient } from '../prisma/client.ts';

export interface RateLimitCount {
  /** Hits in the current window, this one included. */
  totalHits: number;
  /** When the current window ends. */
  resetTime: Date;
}

/**
 * Counts one hit for `key` in a fixed window of `windowMs`, in one statement, so that every
 * instance on the database sees the same count: a window that has ended starts again at 1. The
 * row is locked only for the moment of the update; concurrent hits on one key queue on it and each
 * gets its own count.
 */
export async function countRateLimitHit({ prisma, key, windowMs, now = new Date() }: { prisma: PrismaClient; key: string; windowMs: number; now?: Date }): Promise<RateLimitCount> {
  const resetAt = new Date(now.getTime() + windowMs);
  const [row] = await prisma.$queryRaw<{ hits: number; resetAt: Date }[]>`
    INSERT INTO "RateLimitCounter" ("key", "hits", "resetAt") VALUES (${key}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN "RateLimitCounter"."resetAt" <= ${now} THEN 1 ELSE "RateLimitCounter"."hits" + 1 END,
      "resetAt" = CASE WHEN "RateLimitCounter"."resetAt" <= ${now} THEN ${resetAt} ELSE "RateLimitCounter"."resetAt" END
    RETURNING "hits", "resetAt"`;
  if (!row) throw new Error(`rate limit counter ${key} was not stored`);
  return { totalHits: Number(row.hits), resetTime: new Date(row.resetAt) };
}
