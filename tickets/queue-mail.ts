import { randomUUID } from 'node:crypto';
import type { Prisma } from '../prisma/client.ts';
import { enqueueOutbox, type OutboxEntry } from './outbox.ts';
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
 * A mail as we store and send it: our own Message-ID (so replies to it thread back), the outbound
 * message's text, and the outbox entry that sends it after commit.
 */
export function outgoingMail(mail: OutgoingMail, domain: string): { row: { text: string; messageId: string }; outbox: OutboxEntry } {
  const messageId = `<${randomUUID()}@${domain}>`;
  return {
    row: { text: mail.text, messageId },
    outbox: { kind: 'email', target: { to: mail.to }, payload: { ...mail, messageId } as unknown as Prisma.InputJsonValue, idempotencyKey: `mail:${messageId}` },
  };
}

/** Queues a mail for a ticket inside the caller's transaction: the outbound message and the outbox row. */
export async function queueMailInTransaction(transaction: Transaction, { ticketId, domain, mail }: { ticketId: string; domain: string; mail: OutgoingMail }): Promise<string> {
  const { row, outbox } = outgoingMail(mail, domain);
  // A plain statement: a Prisma model write costs ~1 ms of query compilation.
  await transaction.$executeRaw`
    INSERT INTO "Message" ("id", "ticketId", "direction", "channel", "text", "externalId", "createdAt")
    VALUES (${randomUUID()}, ${ticketId}, 'out', 'email', ${row.text}, ${row.messageId}, ${new Date()})`;
  await enqueueOutbox(transaction, { ...outbox, ticketId });
  return row.messageId;
}
