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

/** The attachments of a message's list that were stored on disk: where, and the name they had in the mail. */
export function storedAttachmentFiles(attachments: Prisma.JsonValue | null): { storedAt: string; name: string }[] {
  if (!Array.isArray(attachments)) return [];
  return attachments.flatMap((entry) =>
    entry && typeof entry === 'object' && !Array.isArray(entry) && typeof entry.storedAt === 'string' ? [{ storedAt: entry.storedAt, name: typeof entry.name === 'string' ? entry.name : 'anhang' }] : [],
  );
}

export function storedAttachments(attachments: Prisma.JsonValue | null): string[] {
  return storedAttachmentFiles(attachments).map((file) => file.storedAt);
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

/** A PostgreSQL regular expression that matches `text` literally. */
const literalPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every mention of these strings (an address, a name) in the free text of records that
 * belong to others: subjects, message texts, booking participants, answers, event details,
 * conversation state, collected facts and notices. Tickets under legal hold and everything on
 * them stay as they are. Returns how many rows changed.
 */
export async function redactMentions(transaction: Transaction, needles: string[]): Promise<number> {
  let changed = 0;
  for (const needle of needles.map((value) => value.trim()).filter((value) => value.length >= 3)) {
    const pattern = literalPattern(needle);
    const has = (column: string) => `position(lower($1) in lower(${column})) > 0`;
    const replaced = (column: string) => `regexp_replace(${column}, $2, '${anonymisedText}', 'gi')`;
    const notKept = (column: string) => `NOT EXISTS (SELECT 1 FROM "Ticket" h WHERE h."id" = ${column} AND h."legalHold")`;
    const statements = [
      `UPDATE "Ticket" SET "subject" = ${replaced('"subject"')}, "facts" = ${replaced('"facts"::text')}::jsonb WHERE (${has('"subject"')} OR ${has('"facts"::text')}) AND NOT "legalHold"`,
      `UPDATE "Message" SET "text" = ${replaced('"text"')}, "originalText" = ${replaced('"originalText"')}, "authorName" = ${replaced('"authorName"')} WHERE (${has('"text"')} OR ${has('"originalText"')} OR ${has('"authorName"')}) AND ${notKept('"ticketId"')}`,
      `UPDATE "Booking" SET "participants" = ARRAY(SELECT ${replaced('p')} FROM unnest("participants") AS p), "preferredWindows" = ARRAY(SELECT ${replaced('w')} FROM unnest("preferredWindows") AS w) WHERE (${has(`array_to_string("participants", ' ')`)} OR ${has(`array_to_string("preferredWindows", ' ')`)}) AND ${notKept('"ticketId"')}`,
      `UPDATE "Answer" SET "question" = ${replaced('"question"')}, "text" = ${replaced('"text"')} WHERE ${has('"question"')} OR ${has('"text"')}`,
      `UPDATE "TicketEvent" SET "data" = ${replaced('"data"::text')}::jsonb WHERE ${has('"data"::text')} AND ${notKept('"ticketId"')}`,
      `UPDATE "Conversation" SET "state" = ${replaced('"state"::text')}::jsonb WHERE ${has('"state"::text')}`,
      `UPDATE "OutboxMessage" SET "payload" = ${replaced('"payload"::text')}::jsonb, "target" = ${replaced('"target"::text')}::jsonb WHERE (${has('"payload"::text')} OR ${has('"target"::text')}) AND ${notKept('"ticketId"')}`,
    ];
    for (const statement of statements) changed += await transaction.$executeRawUnsafe(statement, needle, pattern);
  }
  return changed;
}
