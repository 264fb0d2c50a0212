import { randomUUID } from 'node:crypto';
import { Prisma, type Channel, type PrismaClient, type Ticket } from '../prisma/client.ts';
import { chooseAssignee } from './assign-ticket.ts';
import { computeDueDate } from './compute-due-date.ts';
import { enqueueOutbox } from './outbox.ts';
import type { StoredAttachment } from './stored-attachment.ts';
import { nextTicketNumber, type Transaction } from './ticket-number.ts';
import type { Triage } from './triage-request.ts';
import { queueMailInTransaction, type OutgoingMail } from './queue-mail.ts';

export interface Requester {
  contactId?: string;
  name?: string;
  email?: string;
  teamsId?: string;
  /** Channel-qualified id for channels without email or Entra id ("api:<id>"). */
  channelUserId?: string;
  /** The channel proved `email` belongs to the requester; only then does mail go to it. */
  isEmailVerified?: boolean;
}

export interface CreateTicketOptions {
  prisma: PrismaClient;
  channel: Channel;
  subject: string;
  text: string;
  /** The full original (e.g. a mail with its quoted history). */
  originalText?: string;
  requester: Requester;
  triage: Triage;
  facts?: Record<string, unknown>;
  missingFacts?: string[];
  schoolBoardId?: string;
  schoolId?: string;
  conversationId?: string;
  externalMessageId?: string;
  /** Attachments of the first message (stored by the channel), listed on it. */
  attachments?: StoredAttachment[];
  now?: Date;
  /** Further writes that belong to the same commit (a booking, a dedupe row). */
  alsoInTransaction?: (transaction: Transaction, ticket: Ticket) => Promise<void>;
  /** The inbound delivery this ticket comes from; a second delivery of it fails with P2002. */
  dedupe?: { channel: Channel; externalId: string };
  /**
   * An acknowledgement mail queued in the same commit, composed once the ticket (and so its number)
   * exists; it must not touch the database.
   */
  acknowledgement?: { domain: string; compose: (ticket: Ticket) => OutgoingMail };
}

/** A JSON column's value as a parameter: SQL NULL when absent. */
const jsonOrNull = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * The one way a ticket comes into being, for every channel: number, triage, first message,
 * assignment, SLA due date, audit events with the evidence of every automatic decision, and the
 * advisors' notification in the outbox, all in one transaction.
 */
export async function createTicket({
  prisma,
  channel,
  subject,
  text,
  originalText,
  requester,
  triage,
  facts,
  missingFacts = [],
  schoolBoardId,
  schoolId,
  conversationId,
  externalMessageId,
  attachments,
  now = new Date(),
  alsoInTransaction,
  dedupe,
  acknowledgement,
}: CreateTicketOptions): Promise<Ticket> {
  return prisma.$transaction(async (transaction) => {
    const number = await nextTicketNumber(transaction, now.getFullYear());
    const region = schoolBoardId ? (await transaction.schoolBoard.findUnique({ where: { id: schoolBoardId } }))?.region : undefined;
    const assignment = await chooseAssignee(transaction, { category: triage.category, region });
    // Plain statements: each of Prisma's model writes costs about 1 ms of query compilation on the
    // service's one thread, and every new ticket (chat, Teams, each person's mail) passes here.
    const [ticket] = await transaction.$queryRaw<Ticket[]>`
      INSERT INTO "Ticket" ("id", "number", "subject", "category", "priority", "channel", "requesterId", "requesterName", "requesterEmail",
        "requesterEmailVerified", "requesterTeamsId", "requesterChannelUserId", "schoolBoardId", "schoolId", "assigneeId", "facts", "missingFacts",
        "dueAt", "createdAt", "updatedAt")
      VALUES (${randomUUID()}, ${number}, ${subject.slice(0, 200)}, ${triage.category}::"TicketCategory", ${triage.priority}::"TicketPriority",
        ${channel}::"Channel", ${requester.contactId ?? null}, ${requester.name ?? null}, ${requester.email?.toLowerCase() ?? null},
        ${Boolean(requester.email && requester.isEmailVerified)}, ${requester.teamsId ?? null}, ${requester.channelUserId ?? null},
        ${schoolBoardId ?? null}, ${schoolId ?? null}, ${assignment.advisor?.id ?? null}, ${jsonOrNull(facts)}::jsonb, ${missingFacts}::text[],
        ${computeDueDate(triage.priority, now)}, ${now}, ${new Date()})
      RETURNING *`;
    if (!ticket) throw new Error(`ticket ${number} was not stored`);
    await transaction.$executeRaw`
      INSERT INTO "Message" ("id", "ticketId", "conversationId", "direction", "channel", "authorName", "authorEmail", "text", "originalText", "externalId", "attachments", "createdAt")
      VALUES (${randomUUID()}, ${ticket.id}, ${conversationId ?? null}, 'in', ${channel}::"Channel", ${requester.name ?? null}, ${requester.email ?? null},
        ${text}, ${originalText ?? null}, ${externalMessageId ?? null}, ${jsonOrNull(attachments)}::jsonb, ${now})`;
    const events: { type: string; actorType: 'requester' | 'system'; actorId?: string; data: unknown }[] = [
      { type: 'created', actorType: 'requester', actorId: requester.contactId, data: { channel, subject } },
      { type: 'triaged', actorType: 'system', data: { category: triage.category, priority: triage.priority, priorityReasons: triage.priorityReasons, evidence: triage.evidence } },
      { type: assignment.advisor ? 'assigned' : 'unassigned', actorType: 'system', data: { advisorId: assignment.advisor?.id ?? null, reason: assignment.reason, openCounts: assignment.openCounts } },
      ...(missingFacts.length > 0 ? [{ type: 'facts_missing', actorType: 'system' as const, data: { missingFacts } }] : []),
    ];
    await transaction.$executeRaw`
      INSERT INTO "TicketEvent" ("id", "ticketId", "type", "actorType", "actorId", "data", "createdAt")
      VALUES ${Prisma.join(events.map((event) => Prisma.sql`(${randomUUID()}, ${ticket.id}, ${event.type}, ${event.actorType}::"ActorType", ${event.actorId ?? null}, ${JSON.stringify(event.data)}::jsonb, ${now})`))}`;
    await enqueueOutbox(transaction, {
      kind: 'advisor_notification',
      target: { advisorId: assignment.advisor?.id ?? null },
      payload: { event: 'ticket_created', ticketNumber: number, subject: ticket.subject, category: ticket.category, priority: ticket.priority },
      idempotencyKey: `ticket-created:${ticket.id}`,
      ticketId: ticket.id,
    });
    // Written with its ticket in one statement; a second delivery of the same mail fails here (P2002)
    // and its whole transaction, ticket number included, rolls back.
    if (dedupe) await transaction.processedInboundMessage.create({ data: { ...dedupe, ticketId: ticket.id } });
    if (acknowledgement) {
      await queueMailInTransaction(transaction, { ticketId: ticket.id, domain: acknowledgement.domain, mail: acknowledgement.compose(ticket) });
    }
    await alsoInTransaction?.(transaction, ticket);
    return ticket;
    // Bursts (a mail batch, many chats) queue for the yearly number row: wait for a connection
    // instead of failing after Prisma's default 2 s.
  }, { maxWait: 15_000, timeout: 30_000 });
}
