import type { PrismaClient } from '../prisma/client.ts';

export interface FindTicketForMailOptions {
  prisma: PrismaClient;
  /** A number from the subject ("[SIT-2026-00042]"). */
  ticketNumber?: string;
  /** In-Reply-To and References of the mail. */
  messageIds: string[];
}

/** The ticket a mail continues, as the mail policy needs it. */
export interface MailTicketReference {
  id: string;
  number: string;
  requesterEmail: string | null;
  schoolBoardId: string | null;
  /** Channel and key of the conversation the ticket was opened in (its dialogue state lives there). */
  conversation: { channel: 'teams' | 'email' | 'api'; externalKey: string } | null;
  /**
   * How the mail named the ticket: by one of our Message-IDs (which only a recipient of our mail
   * can know, so it proves the thread) or only by the number in the subject (which anyone can type).
   */
  matchedBy: 'message_id' | 'number';
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const withMergeTarget = { mergedInto: true } as const;

/**
 * The ticket a mail refers to: by one of our Message-IDs it answers (stored outbound messages,
 * then the ids our notices carry), else by the number in its subject. A merged duplicate lives on
 * in the ticket it was merged into.
 */
export async function findTicketForMail({ prisma, ticketNumber, messageIds }: FindTicketForMailOptions): Promise<MailTicketReference | null> {
  const byMessageId =
    messageIds.length > 0
      ? ((await prisma.message.findFirst({ where: { direction: 'out', externalId: { in: messageIds } }, include: { ticket: { include: withMergeTarget } } }))?.ticket ??
        (await findTicketByNoticeMessageIds(prisma, messageIds)))
      : null;
  const found = byMessageId ?? (ticketNumber ? await prisma.ticket.findUnique({ where: { number: ticketNumber }, include: withMergeTarget }) : null);
  const ticket = found?.mergedInto ?? found;
  if (!ticket) return null;
  const opening = await prisma.message.findFirst({ where: { ticketId: ticket.id, direction: 'in', conversationId: { not: null } }, orderBy: { createdAt: 'asc' }, include: { conversation: true } });
  return {
    id: ticket.id,
    number: ticket.number,
    requesterEmail: ticket.requesterEmail,
    schoolBoardId: ticket.schoolBoardId,
    conversation: opening?.conversation ? { channel: opening.conversation.channel, externalKey: opening.conversation.externalKey } : null,
    matchedBy: byMessageId ? 'message_id' : 'number',
  };
}

/**
 * Our notices carry Message-IDs built by `noticeMessageId` from their outbox key (`<reply-<message id>@…>`,
 * `<status-<ticket id>-…@…>`, `<booking-<booking id>-…@…>`); a reply to one of them names the
 * ticket through that id even when the subject lost its number.
 */
async function findTicketByNoticeMessageIds(prisma: PrismaClient, messageIds: string[]) {
  for (const messageId of messageIds) {
    const kind = /^<?(reply|status|booking|ticket-created|booking-requested)-/.exec(messageId)?.[1];
    const id = uuidPattern.exec(messageId)?.[0];
    if (!kind || !id) continue;
    const ticket =
      kind === 'reply'
        ? (await prisma.message.findUnique({ where: { id }, include: { ticket: { include: withMergeTarget } } }))?.ticket
        : kind === 'booking' || kind === 'booking-requested'
          ? (await prisma.booking.findUnique({ where: { id }, include: { ticket: { include: withMergeTarget } } }))?.ticket
          : await prisma.ticket.findUnique({ where: { id }, include: withMergeTarget });
    if (ticket) return ticket;
  }
  return null;
}
