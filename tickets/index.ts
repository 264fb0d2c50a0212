import type { Channel, Prisma, PrismaClient, TicketCategory, TicketPriority, TicketStatus } from '../prisma/client.ts';
import { findAdvisorByToken, getTicketDetail, listBookings, listKnowledgeGaps, listTickets, type TicketFilter } from './advisor-queries.ts';
import { addTicketMessage } from './add-ticket-message.ts';
import { changeBooking } from './change-booking.ts';
import { enqueueOutbox, listFailedOutboxMessages } from './outbox.ts';
import { updateTicketStatus } from './update-ticket-status.ts';
import { assignTicket, updateTicketFields } from './update-ticket-fields.ts';
import { loadConversation, saveConversationState, type StoredConversation } from './conversation-state.ts';
import { createBooking, type CreateBookingOptions } from './create-booking.ts';
import { createTicket, type CreateTicketOptions } from './create-ticket.ts';
import { findTicketStatus } from './find-ticket-status.ts';
import { identifyRequester } from './identify-requester.ts';
import { matchMasterData } from './match-master-data.ts';
import { triageRequest } from './triage-request.ts';
import { claimTicket } from './claim-ticket.ts';
import { loadMailboxState, saveMailboxState } from './mailbox-state.ts';
import { mergeTickets } from './merge-tickets.ts';
import { cannedReplyPlaceholders, createCannedReply, deleteCannedReply, listCannedReplies, renderCannedReply, updateCannedReply, type CannedReplyInput } from './canned-replies.ts';
import { createAdvisor, findAdvisorByTeamsIdentity, issueAdvisorToken, listAllAdvisors, updateAdvisor, type AdvisorChanges } from './manage-advisors.ts';
import { advisorChannelKey, findConversationReference, findRequesterRoute, markInboundProcessed, storeConversationReference } from './conversation-references.ts';

export { categoryLabels, priorityLabels } from './labels.ts';
export { ticketStatusLabels } from './update-ticket-status.ts';
export { bookingModeLabels } from './create-booking.ts';
export { findTicketNumber } from './ticket-number.ts';
export { foldUmlauts } from './fold-umlauts.ts';
export { triageRequest } from './triage-request.ts';
export type { Triage } from './triage-request.ts';
export type { StoredConversation } from './conversation-state.ts';
export type { MasterDataMatch } from './match-master-data.ts';
export type { TicketStatusView } from './find-ticket-status.ts';
export type { TicketFilter } from './advisor-queries.ts';

export interface TicketSummary {
  id: string;
  number: string;
  category: TicketCategory;
  priority: string;
  status: string;
  dueAt: Date | null;
}

/** What the engine may do with tickets, bound to one database; built once in `main.ts`. */
export function createTicketsPort(prisma: PrismaClient) {
  const summary = (ticket: { id: string; number: string; category: TicketCategory; priority: string; status: string; dueAt: Date | null }): TicketSummary => ({
    id: ticket.id,
    number: ticket.number,
    category: ticket.category,
    priority: ticket.priority,
    status: ticket.status,
    dueAt: ticket.dueAt,
  });
  return {
    async identifyRequester(sender: { email?: string; teamsId?: string; name?: string }) {
      const contact = await identifyRequester({ prisma, ...sender });
      if (!contact) return null;
      const schoolBoard = contact.schoolBoardId ? await prisma.schoolBoard.findUnique({ where: { id: contact.schoolBoardId } }) : null;
      return { contactId: contact.id, name: contact.name ?? undefined, schoolBoardId: schoolBoard?.id, schoolBoardName: schoolBoard?.name };
    },
    loadConversation: (channel: Channel, externalKey: string, contactId?: string) => loadConversation({ prisma, channel, externalKey, contactId }),
    saveConversationState: (conversation: StoredConversation, state: Record<string, unknown> | null) => saveConversationState({ prisma, conversation, state }),
    matchMasterData: (text: string) => matchMasterData({ prisma, text }),
    findTicketStatus: (query: { ticketNumber: string; email?: string; teamsId?: string; channelUserId?: string }) => findTicketStatus({ prisma, ...query }),
    async createTicket(options: Omit<CreateTicketOptions, 'prisma' | 'facts'> & { facts?: Record<string, unknown> }) {
      return summary(await createTicket({ prisma, ...options, facts: options.facts as Prisma.InputJsonValue | undefined }));
    },
    async createBooking(options: Omit<CreateBookingOptions, 'prisma'>) {
      const { ticket, booking } = await createBooking({ prisma, ...options });
      return { ticket: summary(ticket), booking: { id: booking.id, status: booking.status } };
    },
    triage: (text: string, categoryHint?: TicketCategory) => triageRequest({ text, categoryHint }),
    markInboundProcessed: (channel: Channel, externalId: string) => markInboundProcessed({ prisma, channel, externalId }),
    async isInboundProcessed(channel: Channel, externalId: string) {
      return (await prisma.processedInboundMessage.count({ where: { channel, externalId } })) > 0;
    },
    /** The ticket a mail refers to: by number in the subject, else by our Message-IDs it replies to. */
    async findTicketForMail({ ticketNumber, messageIds }: { ticketNumber?: string; messageIds: string[] }) {
      const found = ticketNumber
        ? await prisma.ticket.findUnique({ where: { number: ticketNumber }, include: { mergedInto: true } })
        : messageIds.length > 0
          ? ((await prisma.message.findFirst({ where: { direction: 'out', externalId: { in: messageIds } }, include: { ticket: { include: { mergedInto: true } } } }))?.ticket ??
            (await findTicketByNoticeMessageIds(prisma, messageIds)))
          : null;
      // A merged duplicate lives on in the ticket it was merged into.
      const ticket = found?.mergedInto ?? found;
      return ticket ? { id: ticket.id, number: ticket.number, requesterEmail: ticket.requesterEmail, schoolBoardId: ticket.schoolBoardId } : null;
    },
    async isContactOfSchoolBoard(email: string, schoolBoardId: string) {
      return (await prisma.contact.count({ where: { email: email.toLowerCase(), schoolBoardId } })) > 0;
    },
    addInboundMail: (options: { ticketNumber: string; text: string; originalText: string; from: { address: string; name?: string }; messageId: string; keepStatus: boolean; attachments: unknown[] }) =>
      addTicketMessage({
        prisma,
        ticketNumber: options.ticketNumber,
        direction: 'in',
        channel: 'email',
        text: options.text,
        originalText: options.originalText,
        author: { type: 'requester', name: options.from.name, email: options.from.address },
        externalId: options.messageId,
        dedupe: { channel: 'email', externalId: options.messageId },
        keepStatus: options.keepStatus,
        attachments: options.attachments as Prisma.InputJsonValue,
      }),
    /** A delivery report for one of our mails: audit it on the ticket and tell the advisors. */
    async recordDeliveryFailure(messageIds: string[], reportMessageId: string) {
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
    },
    loadMailboxState: (mailbox: string) => loadMailboxState({ prisma, mailbox }),
    saveMailboxState: (mailbox: string, uidValidity: string, lastUid: number) => saveMailboxState({ prisma, mailbox, uidValidity, lastUid }),
    async countAutomaticMailsSince(address: string, since: Date) {
      return prisma.outboxMessage.count({ where: { kind: 'email', createdAt: { gte: since }, target: { path: ['to'], equals: address }, payload: { path: ['isAutomatic'], equals: true } } });
    },
    storeConversationReference: (channel: Channel, externalKey: string, reference: Record<string, unknown>) => storeConversationReference({ prisma, channel, externalKey, reference }),
    registerAdvisorChannel: (reference: Record<string, unknown>) => storeConversationReference({ prisma, channel: 'teams', externalKey: advisorChannelKey, reference }),
    async findAdvisorByTeamsUser(aadObjectId: string) {
      const advisor = await findActiveAdvisorByTeamsId(prisma, aadObjectId);
      return advisor ? { id: advisor.id, name: advisor.name, role: advisor.role } : null;
    },
    findAdvisorChannel: () => findConversationReference({ prisma, channel: 'teams', externalKey: advisorChannelKey }),
    findRequesterRoute: (ticketId: string) => findRequesterRoute({ prisma, ticketId }),
    async claimTicketByTeamsUser(ticketNumber: string, aadObjectId: string) {
      const advisor = await findActiveAdvisorByTeamsId(prisma, aadObjectId);
      if (!advisor) return null;
      const ticket = await claimTicket({ prisma, ticketNumber, advisorId: advisor.id });
      return { ticket: summary(ticket), advisorName: advisor.name };
    },
  };
}

export type TicketsPort = ReturnType<typeof createTicketsPort>;

const findActiveAdvisorByTeamsId = (prisma: PrismaClient, aadObjectId: string) => prisma.advisor.findFirst({ where: { teamsAadObjectId: aadObjectId, isActive: true } });

/** The Message-ID of a notice we send, built from its outbox key; stable across retries. */
export function noticeMessageId(idempotencyKey: string): string {
  return `<${idempotencyKey.replace(/[^\w.-]/g, '-')}@schulit.invalid>`;
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Our notices carry Message-IDs built by `noticeMessageId` from their outbox key (`<reply-<message id>@…>`,
 * `<status-<ticket id>-…@…>`, `<booking-<booking id>-…@…>`); a reply to one of them names the
 * ticket through that id even when the subject lost its number.
 */
async function findTicketByNoticeMessageIds(prisma: PrismaClient, messageIds: string[]) {
  const include = { mergedInto: true } as const;
  for (const messageId of messageIds) {
    const kind = /^<?(reply|status|booking|ticket-created|booking-requested)-/.exec(messageId)?.[1];
    const id = messageId.match(uuidPattern)?.[0];
    if (!kind || !id) continue;
    const ticket =
      kind === 'reply'
        ? (await prisma.message.findUnique({ where: { id }, include: { ticket: { include } } }))?.ticket
        : kind === 'booking' || kind === 'booking-requested'
          ? (await prisma.booking.findUnique({ where: { id }, include: { ticket: { include } } }))?.ticket
          : await prisma.ticket.findUnique({ where: { id }, include });
    if (ticket) return ticket;
  }
  return null;
}

/** What the advisors' workspace may read and do, bound to one database. */
export function createAdvisorPort(prisma: PrismaClient) {
  return {
    findAdvisorByToken: (token: string) => findAdvisorByToken({ prisma, token }),
    findAdvisorByTeamsIdentity: (identity: { objectId: string; email?: string }) => findAdvisorByTeamsIdentity({ prisma, ...identity }),
    listAdvisors: (includeInactive = false) => listAllAdvisors({ prisma, includeInactive }),
    createAdvisor: (input: Parameters<typeof createAdvisor>[0]['input']) => createAdvisor({ prisma, input }),
    updateAdvisor: (id: string, changes: AdvisorChanges) => updateAdvisor({ prisma, id, changes }),
    issueAdvisorToken: (id: string) => issueAdvisorToken({ prisma, id }),
    mergeTickets: (sourceNumber: string, targetNumber: string, advisorId: string) => mergeTickets({ prisma, sourceNumber, targetNumber, advisorId }),
    cannedReplyPlaceholders,
    listCannedReplies: () => listCannedReplies({ prisma }),
    createCannedReply: (input: CannedReplyInput, advisorId: string) => createCannedReply({ prisma, input, advisorId }),
    updateCannedReply: (id: string, input: Partial<CannedReplyInput>) => updateCannedReply({ prisma, id, input }),
    deleteCannedReply: (id: string) => deleteCannedReply({ prisma, id }),
    renderCannedReply: (id: string, ticketNumber: string, advisorName: string) => renderCannedReply({ prisma, id, ticketNumber, advisorName }),
    listTickets: (filter: TicketFilter) => listTickets({ prisma, filter }),
    getTicketDetail: (number: string) => getTicketDetail({ prisma, number }),
    claimTicket: (ticketNumber: string, advisorId: string) => claimTicket({ prisma, ticketNumber, advisorId }),
    assignTicket: (ticketNumber: string, advisorId: string, actorId: string) => assignTicket({ prisma, ticketNumber, advisorId, actorId }),
    updateTicketStatus: (ticketNumber: string, status: TicketStatus, advisorId: string) => updateTicketStatus({ prisma, ticketNumber, status, actor: { type: 'advisor', id: advisorId } }),
    updateTicketFields: (ticketNumber: string, fields: { category?: TicketCategory; priority?: TicketPriority }, advisorId: string) => updateTicketFields({ prisma, ticketNumber, ...fields, advisorId }),
    addReply: (ticketNumber: string, text: string, advisor: { id: string; name: string; email: string }) =>
      addTicketMessage({ prisma, ticketNumber, direction: 'out', text, author: { type: 'advisor', ...advisor } }),
    addNote: (ticketNumber: string, text: string, advisor: { id: string; name: string; email: string }) =>
      addTicketMessage({ prisma, ticketNumber, direction: 'out', text, isInternalNote: true, author: { type: 'advisor', ...advisor } }),
    listBookings: (status?: string) => listBookings({ prisma, status }),
    changeBooking: (bookingId: string, change: Parameters<typeof changeBooking>[0]['change']) => changeBooking({ prisma, bookingId, change }),
    listKnowledgeGaps: (since: Date) => listKnowledgeGaps({ prisma, since }),
    listFailedOutboxMessages: () => listFailedOutboxMessages({ prisma }),
  };
}

export type AdvisorPort = ReturnType<typeof createAdvisorPort>;
