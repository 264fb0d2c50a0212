import { randomUUID } from 'node:crypto';
import type { Prisma } from '../prisma/client.ts';
import { enqueueOutbox } from './outbox.ts';
import type { Transaction } from './ticket-number.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  inReplyTo?: string;
  references?: string[];
  /** Automatic mail (acknowledgements) carries Auto-Submitted and counts against the daily cap. */
  isAutomatic: boolean;
  /** Extra payload for the deliverer (e.g. an iCalendar invitation). */
  extra?: Record<string, unknown>;
}

/**
 * Queues a mail for a ticket inside the caller's transaction: the outbound message (with our own
 * Message-ID, so replies to it thread back) and the outbox row that sends it after commit.
 */
export async function queueMailInTransaction(transaction: Transaction, { ticketId, domain, mail }: { ticketId: string; domain: string; mail: OutgoingMail }): Promise<string> {
  const messageId = `<${randomUUID()}@${domain}>`;
  // A plain statement: every acknowledged mail passes here, and a Prisma model write costs ~1 ms of query compilation.
  await transaction.$executeRaw`
    INSERT INTO "Message" ("id", "ticketId", "direction", "channel", "text", "externalId", "createdAt")
    VALUES (${randomUUID()}, ${ticketId}, 'out', 'email', ${mail.text}, ${messageId}, ${new Date()})`;
  await enqueueOutbox(transaction, {
    kind: 'email',
    target: { to: mail.to },
    payload: { ...mail, messageId } as unknown as Prisma.InputJsonValue,
    idempotencyKey: `mail:${messageId}`,
    ticketId,
  });
  return messageId;
}
