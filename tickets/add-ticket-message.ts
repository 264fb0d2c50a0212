import { AppError } from '../errors.ts';
import type { Channel, Prisma, PrismaClient } from '../prisma/client.ts';
import { enqueueOutbox } from './outbox.ts';
import type { StoredAttachment } from './stored-attachment.ts';
import { queueMailInTransaction, type OutgoingMail } from './queue-mail.ts';

export interface AddTicketMessageOptions {
  prisma: PrismaClient;
  ticketNumber: string;
  direction: 'in' | 'out';
  text: string;
  /** Internal notes are for advisors only and never sent. */
  isInternalNote?: boolean;
  author: { type: 'advisor' | 'requester' | 'system'; id?: string; name?: string; email?: string };
  channel?: Channel;
  externalId?: string;
  originalText?: string;
  now?: Date;
  /** The inbound delivery this message comes from; a second delivery fails with P2002. */
  dedupe?: { channel: Channel; externalId: string };
  /** Out-of-office replies are recorded without reopening or changing the ticket. */
  keepStatus?: boolean;
  attachments?: StoredAttachment[];
  /** Facts the message adds to a collecting dialogue (merged into the ticket's facts), and what is still missing. */
  factsUpdate?: { facts: Record<string, unknown>; missingFacts: string[] };
  /** A mail to the requester queued in the same commit (e.g. the follow-up question of a dialogue by mail). */
  queueMail?: { domain: string; mail: OutgoingMail };
}

/**
 * The one way to add a message to a ticket. An advisor's reply is queued for the requester's own
 * channel in the same transaction; a requester's message reopens a solved ticket.
 */
export async function addTicketMessage({ prisma, ticketNumber, direction, text, isInternalNote = false, author, channel, externalId, originalText, now = new Date(), dedupe, keepStatus = false, attachments, factsUpdate, queueMail }: AddTicketMessageOptions) {
  if (text.trim() === '') throw new AppError('invalid_input', 'Empty message', { german: 'Die Nachricht ist leer.' });
  return prisma.$transaction(async (transaction) => {
    const ticket = await transaction.ticket.findUnique({ where: { number: ticketNumber } });
    if (!ticket) throw new AppError('not_found', `Ticket ${ticketNumber} not found`, { german: `Den Vorgang ${ticketNumber} gibt es nicht.` });
    if (dedupe) await transaction.processedInboundMessage.create({ data: { ...dedupe, ticketId: ticket.id } });
    const message = await transaction.message.create({
      data: { ticketId: ticket.id, direction, channel: channel ?? ticket.channel, isInternalNote, authorName: author.name, authorEmail: author.email, text, originalText, externalId, attachments: attachments as Prisma.InputJsonValue[] | undefined, createdAt: now },
    });
    await transaction.ticketEvent.create({ data: { ticketId: ticket.id, type: isInternalNote ? 'note_added' : direction === 'out' ? 'replied' : 'message_received', actorType: author.type, actorId: author.id, data: { messageId: message.id }, createdAt: now } });
    if (direction === 'out' && !isInternalNote) {
      await enqueueOutbox(transaction, {
        kind: 'requester_notification',
        target: { ticketId: ticket.id },
        payload: { event: 'advisor_reply', ticketNumber, text, messageId: message.id },
        idempotencyKey: `reply:${message.id}`,
        ticketId: ticket.id,
      });
      if (ticket.status === 'neu') await transaction.ticket.update({ where: { id: ticket.id }, data: { status: 'in_bearbeitung' } });
    }
    // A requester's follow-up: the assigned advisor hears of it (the team while nobody has the case).
    // Out-of-office replies (keepStatus) are recorded quietly.
    if (direction === 'in' && !isInternalNote && author.type === 'requester' && !keepStatus) {
      await enqueueOutbox(transaction, {
        kind: 'advisor_notification',
        target: { advisorId: ticket.assigneeId },
        payload: { event: 'requester_replied', ticketNumber, subject: ticket.subject, category: ticket.category, priority: ticket.priority },
        idempotencyKey: `requester-replied:${message.id}`,
        ticketId: ticket.id,
      });
    }
    if (direction === 'in' && ticket.status === 'geloest' && !keepStatus) {
      await transaction.ticket.update({ where: { id: ticket.id }, data: { status: 'in_bearbeitung' } });
      await transaction.ticketEvent.create({ data: { ticketId: ticket.id, type: 'status_changed', actorType: 'requester', data: { from: 'geloest', to: 'in_bearbeitung', reason: 'neue Nachricht' }, createdAt: now } });
    }
    if (factsUpdate) {
      const facts = { ...((ticket.facts as Record<string, unknown> | null) ?? {}), ...factsUpdate.facts };
      await transaction.ticket.update({ where: { id: ticket.id }, data: { facts: facts as Prisma.InputJsonValue, missingFacts: factsUpdate.missingFacts } });
      await transaction.ticketEvent.create({
        data: { ticketId: ticket.id, type: 'facts_added', actorType: author.type, actorId: author.id, data: { facts: factsUpdate.facts as Prisma.InputJsonValue, missingFacts: factsUpdate.missingFacts }, createdAt: now },
      });
    }
    if (queueMail) await queueMailInTransaction(transaction, { ticketId: ticket.id, domain: queueMail.domain, mail: queueMail.mail });
    return message;
  });
}
