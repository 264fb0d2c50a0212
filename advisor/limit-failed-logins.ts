import { MemoryStore, type Options, type Store } from 'express-rate-limit';

export interface FailedLoginLimiter {
  /** Counts a failed sign-in; true when the address or the prefix has now failed more often than allowed this minute. */
  recordFailure(keys: LoginKeys): Promise<boolean>;
}

export interface LoginKeys {
  /** The client address as Express sees it (with `trust proxy`). */
  address: string;
  /** The first characters of a presented bearer token, if one was presented. */
  prefix?: string;
}

/**
 * Counts failed advisor sign-ins per client address and per token prefix, one minute at a time
 * (an express-rate-limit store: the database's, shared by all instances, or this process's
 * memory). The router asks it only after a token failed:
 * a valid token is never refused, so colleagues behind the same NAT as someone mistyping (or
 * someone guessing) keep working. Guessing is hopeless anyway (192 random bits per token); the limit
 * keeps the noise and load of it small and makes it visible as 429s in logs and metrics.
 */
export function createFailedLoginLimiter(perMinute: number, store: Store = new MemoryStore()): FailedLoginLimiter {
  void store.init?.({ windowMs: 60_000 } as Options);
  const keysOf = ({ address, prefix }: LoginKeys) => [`address:${address}`, ...(prefix ? [`prefix:${prefix}`] : [])];
  return {
    async recordFailure(keys) {
      if (perMinute <= 0) return false;
      const counts = await Promise.all(keysOf(keys).map((key) => store.increment(key)));
      return counts.some((count) => count.totalHits > perMinute);
    },
  };
}
