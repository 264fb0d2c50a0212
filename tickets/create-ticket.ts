import { randomUUID } from 'node:crypto';
import { Prisma, type Channel, type PrismaClient, type Ticket } from '../prisma/client.ts';
import { chooseAssignee } from './assign-ticket.ts';
import { computeDueDate } from './compute-due-date.ts';
import { DuplicateDeliveryError } from './duplicate-delivery.ts';
import { outboxInsert, type OutboxEntry } from './outbox.ts';
import { outgoingMail, type OutgoingMail } from './queue-mail.ts';
import type { StoredAttachment } from './stored-attachment.ts';
import type { Transaction } from './ticket-number.ts';
import type { TicketSummary } from './ticket-summary.ts';
import type { Triage } from './triage-request.ts';
import { utcTimestamp } from './utc-timestamp.ts';

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
  /** The inbound delivery this ticket comes from; a second delivery of it fails with DuplicateDeliveryError. */
  dedupe?: { channel: Channel; externalId: string };
  /**
   * An acknowledgement mail queued in the same commit, composed from the ticket as it will be; it
   * must not touch the database, and it uses the ticket's number as given (a placeholder the
   * statement replaces).
   */
  acknowledgement?: { domain: string; compose: (ticket: TicketSummary) => OutgoingMail };
}

/** A JSON column's value as a parameter: SQL NULL when absent. */
const jsonOrNull = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * The one way a ticket comes into being, for every channel: number, triage, first message,
 * assignment, SLA due date, audit events with the evidence of every automatic decision, the
 * advisors' notification in the outbox and, for a mail, its dedupe record and acknowledgement, all
 * in one commit.
 */
export async function createTicket(options: CreateTicketOptions): Promise<Ticket> {
  const { prisma, alsoInTransaction } = options;
  if (!alsoInTransaction) return insertTicket(prisma, options);
  return prisma.$transaction(
    async (transaction) => {
      const ticket = await insertTicket(transaction, options);
      await alsoInTransaction(transaction, ticket);
      return ticket;
    },
    // Bursts (a mail batch, many chats) queue for the yearly number row: wait for a connection
    // instead of failing after Prisma's default 2 s.
    { maxWait: 15_000, timeout: 30_000 },
  );
}

/**
 * The ticket and everything that comes with it as one statement (data-modifying CTEs), atomic on
 * its own: a mail turn passed 12 statements and an interactive transaction here, ~12 ms on the
 * embedded database's one thread, most of it per-statement overhead.
 *
 * The number comes from the year's row in TicketNumberSequence, incremented under PostgreSQL's row
 * lock, so parallel creates on several instances never share a number, and a statement that fails
 * (a second delivery of the same mail) returns its number. The acknowledgement and the notification
 * name the number before it exists: they are composed with a random placeholder that the statement
 * replaces with the assigned number.
 */
async function insertTicket(database: PrismaClient | Transaction, options: CreateTicketOptions): Promise<Ticket> {
  const { channel, subject, text, originalText, requester, triage, facts, missingFacts = [], schoolBoardId, schoolId, conversationId, externalMessageId, attachments, dedupe, acknowledgement } = options;
  const now = options.now ?? new Date();
  const assignment = await chooseAssignee(database, { category: triage.category, schoolBoardId });
  const id = randomUUID();
  const placeholder = `SIT-NUMBER-${randomUUID()}`;
  const numbered = (value: string) => Prisma.sql`replace(${value}, ${placeholder}, t."number")`;
  const dueAt = computeDueDate(triage.priority, now);
  const storedSubject = subject.slice(0, 200);
  const events: { type: string; actorType: 'requester' | 'system'; actorId?: string; data: unknown }[] = [
    { type: 'created', actorType: 'requester', actorId: requester.contactId, data: { channel, subject } },
    { type: 'triaged', actorType: 'system', data: { category: triage.category, priority: triage.priority, priorityReasons: triage.priorityReasons, evidence: triage.evidence } },
    { type: assignment.advisor ? 'assigned' : 'unassigned', actorType: 'system', data: { advisorId: assignment.advisor?.id ?? null, reason: assignment.reason, openCounts: assignment.openCounts } },
    ...(missingFacts.length > 0 ? [{ type: 'facts_missing', actorType: 'system' as const, data: { missingFacts } }] : []),
  ];
  const notification: OutboxEntry = {
    kind: 'advisor_notification',
    target: { advisorId: assignment.advisor?.id ?? null },
    payload: { event: 'ticket_created', ticketNumber: placeholder, subject: storedSubject, category: triage.category, priority: triage.priority },
    idempotencyKey: `ticket-created:${id}`,
  };
  const forTicket = (entry: OutboxEntry) => outboxInsert(entry, { now, ticketId: Prisma.sql`t."id"`, payload: numbered(JSON.stringify(entry.payload)), from: Prisma.sql`FROM "ticket" t` });
  const draft: TicketSummary = { id, number: placeholder, category: triage.category, priority: triage.priority, status: 'neu', dueAt };
  const mail = acknowledgement ? outgoingMail(acknowledgement.compose(draft), acknowledgement.domain) : undefined;
  // The acknowledgement follows the request in the ticket's history, also within the same millisecond.
  const answeredAt = new Date(Math.max(Date.now(), now.getTime() + 1));
  // A second delivery of the same mail finds its dedupe record taken and writes nothing at all.
  const gate = dedupe ? Prisma.sql`WHERE EXISTS (SELECT 1 FROM "dedupe")` : Prisma.empty;
  const [ticket] = await database.$queryRaw<Ticket[]>`
    WITH ${dedupe ? Prisma.sql`"dedupe" AS (
      INSERT INTO "ProcessedInboundMessage" ("id", "channel", "externalId", "ticketId", "createdAt")
      VALUES (${randomUUID()}, ${dedupe.channel}::"Channel", ${dedupe.externalId}, ${id}, ${utcTimestamp(now)})
      ON CONFLICT ("channel", "externalId") DO NOTHING
      RETURNING "id"),` : Prisma.empty}
    "sequence" AS (
      INSERT INTO "TicketNumberSequence" ("year", "lastValue") SELECT ${now.getFullYear()}::int, 1 ${gate}
      ON CONFLICT ("year") DO UPDATE SET "lastValue" = "TicketNumberSequence"."lastValue" + 1
      RETURNING "year", "lastValue"),
    "ticket" AS (
      INSERT INTO "Ticket" ("id", "number", "subject", "category", "priority", "channel", "requesterId", "requesterName", "requesterEmail",
        "requesterEmailVerified", "requesterTeamsId", "requesterChannelUserId", "schoolBoardId", "schoolId", "assigneeId", "facts", "missingFacts",
        "dueAt", "createdAt", "updatedAt")
      SELECT ${id}, 'SIT-' || s."year" || '-' || lpad(s."lastValue"::text, greatest(5, length(s."lastValue"::text)), '0'), ${storedSubject},
        ${triage.category}::"TicketCategory", ${triage.priority}::"TicketPriority", ${channel}::"Channel", ${requester.contactId ?? null}, ${requester.name ?? null},
        ${requester.email?.toLowerCase() ?? null}, ${Boolean(requester.email && requester.isEmailVerified)}, ${requester.teamsId ?? null}, ${requester.channelUserId ?? null},
        ${schoolBoardId ?? null}, ${schoolId ?? null}, ${assignment.advisor?.id ?? null}, ${jsonOrNull(facts)}::jsonb, ${missingFacts}::text[],
        ${utcTimestamp(dueAt)}, ${utcTimestamp(now)}, ${utcTimestamp(new Date())}
      FROM "sequence" s
      RETURNING *),
    "message" AS (
      INSERT INTO "Message" ("id", "ticketId", "conversationId", "direction", "channel", "authorName", "authorEmail", "text", "originalText", "externalId", "attachments", "createdAt")
      SELECT ${randomUUID()}, t."id", ${conversationId ?? null}, 'in', ${channel}::"Channel", ${requester.name ?? null}, ${requester.email ?? null},
        ${text}, ${originalText ?? null}, ${externalMessageId ?? null}, ${jsonOrNull(attachments)}::jsonb, ${utcTimestamp(now)}
      FROM "ticket" t),
    "events" AS (
      INSERT INTO "TicketEvent" ("id", "ticketId", "type", "actorType", "actorId", "data", "createdAt")
      SELECT e."id", t."id", e."type", e."actorType"::"ActorType", e."actorId", e."data"::jsonb, ${utcTimestamp(now)}
      FROM "ticket" t, (VALUES ${Prisma.join(events.map((event) => Prisma.sql`(${randomUUID()}::text, ${event.type}::text, ${event.actorType}::text, ${event.actorId ?? null}::text, ${JSON.stringify(event.data)}::text)`))})
        AS e("id", "type", "actorType", "actorId", "data")),
    "notification" AS (${forTicket(notification)})
    ${mail ? Prisma.sql`,
    "acknowledgement" AS (
      INSERT INTO "Message" ("id", "ticketId", "direction", "channel", "text", "externalId", "createdAt")
      SELECT ${randomUUID()}, t."id", 'out', 'email', ${numbered(mail.row.text)}, ${mail.row.messageId}, ${utcTimestamp(answeredAt)}
      FROM "ticket" t),
    "acknowledgementMail" AS (${forTicket(mail.outbox)})` : Prisma.empty}
    SELECT * FROM "ticket"`;
  if (!ticket) {
    if (dedupe) throw new DuplicateDeliveryError(dedupe);
    throw new Error(`ticket ${id} was not stored`);
  }
  return ticket;
}
