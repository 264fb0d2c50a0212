import type { Prisma } from '../prisma/client.ts';

/** What replaces free text that held personal data. */
export const anonymisedText = '[anonymisiert]';

type Transaction = Prisma.TransactionClient;

export interface AnonymisedRecords {
  tickets: number;
  messages: number;
  bookings: number;
  conversations: number;
  answers: number;
  outbox: number;
  contacts: number;
  /** SHA-256 names of attachment files no longer referenced by any message that keeps its data. */
  attachmentsToDelete: string[];
}

export const noRecords = (): AnonymisedRecords => ({ tickets: 0, messages: 0, bookings: 0, conversations: 0, answers: 0, outbox: 0, contacts: 0, attachmentsToDelete: [] });

export function addRecords(total: AnonymisedRecords, more: AnonymisedRecords): AnonymisedRecords {
  return {
    tickets: total.tickets + more.tickets,
    messages: total.messages + more.messages,
    bookings: total.bookings + more.bookings,
    conversations: total.conversations + more.conversations,
    answers: total.answers + more.answers,
    outbox: total.outbox + more.outbox,
    contacts: total.contacts + more.contacts,
    attachmentsToDelete: [...new Set([...total.attachmentsToDelete, ...more.attachmentsToDelete])],
  };
}

export function storedAttachments(attachments: Prisma.JsonValue | null): string[] {
  if (!Array.isArray(attachments)) return [];
  return attachments.flatMap((attachment) => (attachment && typeof attachment === 'object' && !Array.isArray(attachment) && typeof attachment.storedAt === 'string' ? [attachment.storedAt] : []));
}

/**
 * Removes the personal data of these tickets and everything hanging off them, inside the caller's
 * transaction: requester identifiers, subject, facts, message texts, authors and attachment lists,
 * booking participants and wishes, event details and outbox payloads. Number, category, priority,
 * status, channel, school board, assignee and all timestamps stay, so the team's figures and SLA
 * history still count the case. Attachment files are returned for deletion after the commit.
 */
export async function anonymiseTickets(transaction: Transaction, ticketIds: string[], now: Date): Promise<AnonymisedRecords> {
  const records = noRecords();
  if (ticketIds.length === 0) return records;
  const messages = await transaction.message.findMany({ where: { ticketId: { in: ticketIds } }, select: { id: true, attachments: true, conversationId: true } });
  const files = new Set(messages.flatMap((message) => storedAttachments(message.attachments)));
  records.messages = (
    await transaction.message.updateMany({ where: { ticketId: { in: ticketIds } }, data: { text: anonymisedText, originalText: null, authorName: null, authorEmail: null, attachments: [] } })
  ).count;
  records.bookings = (await transaction.booking.updateMany({ where: { ticketId: { in: ticketIds } }, data: { participants: [], preferredWindows: [] } })).count;
  await transaction.ticketEvent.updateMany({ where: { ticketId: { in: ticketIds } }, data: { data: {} } });
  records.outbox = (await transaction.outboxMessage.updateMany({ where: { ticketId: { in: ticketIds } }, data: { payload: {}, target: {}, lastError: null } })).count;
  const tickets = await transaction.ticket.findMany({ where: { id: { in: ticketIds } }, select: { requesterId: true } });
  records.tickets = (
    await transaction.ticket.updateMany({
      where: { id: { in: ticketIds } },
      data: { subject: anonymisedText, requesterId: null, requesterName: null, requesterEmail: null, requesterTeamsId: null, requesterChannelUserId: null, facts: {}, missingFacts: [], anonymizedAt: now },
    })
  ).count;
  records.contacts = await deleteOrphanedContacts(transaction, tickets.flatMap((ticket) => (ticket.requesterId ? [ticket.requesterId] : [])));
  records.attachmentsToDelete = await unreferenced(transaction, [...files]);
  return records;
}

/** Chat and Teams transcripts and identifiers of these conversations; their answers keep only codes and times. */
export async function anonymiseConversations(transaction: Transaction, conversationIds: string[], now: Date): Promise<AnonymisedRecords> {
  const records = noRecords();
  if (conversationIds.length === 0) return records;
  const conversations = await transaction.conversation.findMany({ where: { id: { in: conversationIds } }, select: { contactId: true } });
  const messages = await transaction.message.findMany({ where: { conversationId: { in: conversationIds }, ticketId: null }, select: { attachments: true } });
  records.messages = (await transaction.message.deleteMany({ where: { conversationId: { in: conversationIds }, ticketId: null } })).count;
  await transaction.message.updateMany({ where: { conversationId: { in: conversationIds } }, data: { conversationId: null } });
  records.answers = (await transaction.answer.updateMany({ where: { conversationId: { in: conversationIds } }, data: { question: anonymisedText, text: anonymisedText } })).count;
  await transaction.chatVerification.deleteMany({ where: { conversationId: { in: conversationIds } } });
  records.conversations = (
    await transaction.conversation.updateMany({
      where: { id: { in: conversationIds } },
      data: { state: {}, stateExpiresAt: null, conversationReference: {}, contactId: null, verifiedEmail: null, verifiedAt: null, anonymizedAt: now },
    })
  ).count;
  records.contacts = await deleteOrphanedContacts(transaction, conversations.flatMap((conversation) => (conversation.contactId ? [conversation.contactId] : [])));
  records.attachmentsToDelete = await unreferenced(transaction, messages.flatMap((message) => storedAttachments(message.attachments)));
  return records;
}

/** Contacts that no ticket or conversation refers to any more. */
async function deleteOrphanedContacts(transaction: Transaction, contactIds: string[]): Promise<number> {
  if (contactIds.length === 0) return 0;
  const { count } = await transaction.contact.deleteMany({ where: { id: { in: [...new Set(contactIds)] }, tickets: { none: {} }, conversations: { none: {} } } });
  return count;
}

/** Of these stored files, the ones no remaining message lists (the store is content-addressed: two mails may share a file). */
export async function unreferenced(transaction: Transaction, files: string[]): Promise<string[]> {
  const unused: string[] = [];
  for (const file of new Set(files)) {
    const sha = file.split(/[\\/]/).pop() ?? file;
    const [row] = await transaction.$queryRaw<{ used: boolean }[]>`SELECT EXISTS (SELECT 1 FROM "Message" WHERE "attachments"::text LIKE ${`%${sha}%`}) AS "used"`;
    if (!row?.used) unused.push(file);
  }
  return unused;
}
