import type { PrismaClient } from '../prisma/client.ts';
import { enqueueOutbox } from './outbox.ts';

export interface RecordDeliveryFailureOptions {
  prisma: PrismaClient;
  /** Message-IDs of our mails that the report says could not be delivered. */
  messageIds: string[];
  /** The delivery report's own Message-ID (one advisor notice per report). */
  reportMessageId: string;
}

/**
 * A delivery report about one of our mails: audited on its ticket and told to the advisors.
 * Returns the ticket number, or null when the report is about no mail of ours.
 */
export async function recordDeliveryFailure({ prisma, messageIds, reportMessageId }: RecordDeliveryFailureOptions): Promise<string | null> {
  const failed = await prisma.message.findFirst({ where: { direction: 'out', channel: 'email', externalId: { in: messageIds } }, include: { ticket: true } });
  if (!failed?.ticket) return null;
  const ticket = failed.ticket;
  await prisma.$transaction(async (transaction) => {
    await transaction.ticketEvent.create({ data: { ticketId: ticket.id, type: 'delivery_failed', actorType: 'system', data: { messageId: failed.externalId, report: reportMessageId } } });
    await enqueueOutbox(transaction, {
      kind: 'advisor_notification',
      target: { advisorId: ticket.assigneeId },
      payload: { event: 'delivery_failed', ticketNumber: ticket.number, subject: `Zustellung fehlgeschlagen: ${ticket.subject}`, category: ticket.category, priority: ticket.priority },
      idempotencyKey: `bounce:${reportMessageId}`,
      ticketId: ticket.id,
    });
  });
  return ticket.number;
}
