import type { PrismaClient } from '../prisma/client.ts';

/**
 * Takes back hits counted for `key` in its current window: one (a request that should not count
 * after all) or, with `isAll`, every hit (the window is forgotten).
 */
export async function takeBackRateLimitHit({ prisma, key, isAll = false }: { prisma: PrismaClient; key: string; isAll?: boolean }): Promise<void> {
  if (isAll) {
    await prisma.$executeRaw`DELETE FROM "RateLimitCounter" WHERE "key" = ${key}`;
    return;
  }
  await prisma.$executeRaw`UPDATE "RateLimitCounter" SET "hits" = GREATEST(0, "hits" - 1) WHERE "key" = ${key}`;
}
