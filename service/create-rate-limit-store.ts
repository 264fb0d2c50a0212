import type { Options, Store } from 'express-rate-limit';
import type { PrismaClient } from '../prisma/client.ts';
import { countRateLimitHit, takeBackRateLimitHit } from '../tickets/index.ts';

/**
 * An express-rate-limit store in the database (table RateLimitCounter): every instance on one
 * PostgreSQL database counts a client's requests together, so a limit of 30 per minute is 30 and
 * not 30 per instance. One store per limiter (express-rate-limit refuses a shared one); `prefix`
 * keeps their keys apart. Ended windows are swept by the retention job.
 */
export function createRateLimitStore(prisma: PrismaClient, prefix: string): Store {
  let windowMs = 60_000;
  return {
    prefix,
    localKeys: false,
    init(options: Options) {
      windowMs = options.windowMs;
    },
    increment: (key) => countRateLimitHit({ prisma, key: `${prefix}${key}`, windowMs }),
    decrement: (key) => takeBackRateLimitHit({ prisma, key: `${prefix}${key}` }),
    resetKey: (key) => takeBackRateLimitHit({ prisma, key: `${prefix}${key}`, isAll: true }),
  };
}
