import type { Channel } from '../prisma/client.ts';

/** A second delivery of an inbound message (the same mail twice): nothing was written for it. */
export class DuplicateDeliveryError extends Error {
  override name = 'DuplicateDeliveryError';
  constructor(readonly delivery: { channel: Channel; externalId: string }) {
    super(`inbound message ${delivery.channel}/${delivery.externalId} was already processed`);
  }
}

/**
 * Whether a write failed because its inbound delivery was already processed: a ticket's statement
 * finds the dedupe record taken, or a model write meets its unique key (Prisma's P2002).
 */
export function isDuplicateDelivery(error: unknown): boolean {
  return error instanceof DuplicateDeliveryError || (error as { code?: string } | null)?.code === 'P2002';
}
