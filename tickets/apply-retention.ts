import type { PrismaClient } from '../prisma/client.ts';
import { addRecords, anonymisedText, anonymiseConversations, anonymiseTickets, noRecords, type AnonymisedRecords } from './anonymise-personal-data.ts';

/** How long each kind of record keeps its personal data, in days (see docs/datenschutz.md). */
export interface RetentionPolicy {
  /** Closed tickets (and their messages, bookings, events, outbox rows), counted from closing. */
  closedTicketsDays: number;
  /** Chat and Teams conversations without a live ticket, counted from their last activity. */
  conversationsDays: number;
  /** The question and answer text of answer records (the questions are also shown as knowledge gaps). */
  answersDays: number;
  /** Delivered or failed outbox rows. */
  outboxDays: number;
  /** Records of processed inbound messages (duplicate detection, dropped machine mail). */
  dedupeDays: number;
  /** Chat verification codes (hashed). */
  verificationDays: number;
}

export const defaultRetentionPolicy: RetentionPolicy = {
  closedTicketsDays: 1095,
  conversationsDays: 90,
  answersDays: 365,
  outboxDays: 30,
  dedupeDays: 180,
  verificationDays: 7,
};

export interface RetentionReport extends AnonymisedRecords {
  outboxDeleted: number;
  dedupeDeleted: number;
  verificationsDeleted: number;
  /** Rate-limit windows that have ended (their keys hold client addresses). */
  rateLimitsDeleted: number;
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/**
 * One pass of the retention job. Every instance may run it: rows are claimed with SKIP LOCKED (or
 * changed by conditional updates), so each is anonymised once, in batches of `batchSize` per
 * transaction. Tickets under legal hold are skipped. Attachment files to delete are returned;
 * the caller removes them after the commits.
 */
export async function applyRetention({ prisma, policy = defaultRetentionPolicy, now = new Date(), batchSize = 100 }: { prisma: PrismaClient; policy?: RetentionPolicy; now?: Date; batchSize?: number }): Promise<RetentionReport> {
  let records = noRecords();
  const ticketCutoff = daysBefore(now, policy.closedTicketsDays);
  for (;;) {
    const batch = await prisma.$transaction(async (transaction) => {
      const claimed = await transaction.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Ticket"
        WHERE "status" = 'geschlossen' AND "closedAt" < ${ticketCutoff} AND "anonymizedAt" IS NULL AND "legalHold" = false
        ORDER BY "closedAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      return anonymiseTickets(transaction, claimed.map((row) => row.id), now);
    });
    records = addRecords(records, batch);
    if (batch.tickets < batchSize) break;
  }

  const conversationCutoff = daysBefore(now, policy.conversationsDays);
  for (;;) {
    const batch = await prisma.$transaction(async (transaction) => {
      // A conversation goes when it has been quiet long enough and no ticket that keeps its data came from it.
      const claimed = await transaction.$queryRaw<{ id: string }[]>`
        SELECT c."id" FROM "Conversation" c
        WHERE c."anonymizedAt" IS NULL AND c."updatedAt" < ${conversationCutoff} AND c."externalKey" <> 'advisor-channel'
          AND NOT EXISTS (SELECT 1 FROM "Message" m JOIN "Ticket" t ON t."id" = m."ticketId" WHERE m."conversationId" = c."id" AND t."anonymizedAt" IS NULL)
        ORDER BY c."updatedAt" LIMIT ${batchSize} FOR UPDATE OF c SKIP LOCKED`;
      return anonymiseConversations(transaction, claimed.map((row) => row.id), now);
    });
    records = addRecords(records, batch);
    if (batch.conversations < batchSize) break;
  }

  // Conditional updates and deletes: a row a second instance already changed no longer matches.
  const answers = await prisma.answer.updateMany({ where: { createdAt: { lt: daysBefore(now, policy.answersDays) }, question: { not: anonymisedText } }, data: { question: anonymisedText, text: anonymisedText } });
  const outbox = await prisma.outboxMessage.deleteMany({ where: { status: { in: ['delivered', 'failed'] }, updatedAt: { lt: daysBefore(now, policy.outboxDays) } } });
  const dedupe = await prisma.processedInboundMessage.deleteMany({ where: { createdAt: { lt: daysBefore(now, policy.dedupeDays) } } });
  const verifications = await prisma.chatVerification.deleteMany({ where: { createdAt: { lt: daysBefore(now, policy.verificationDays) } } });
  const rateLimits = await prisma.rateLimitCounter.deleteMany({ where: { resetAt: { lt: now } } });
  return { ...records, answers: records.answers + answers.count, outboxDeleted: outbox.count, dedupeDeleted: dedupe.count, verificationsDeleted: verifications.count, rateLimitsDeleted: rateLimits.count };
}
