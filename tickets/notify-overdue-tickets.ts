import { Prisma, type PrismaClient } from '../prisma/client.ts';
import { enqueueOutbox } from './outbox.ts';

/**
 * Tells advisors once about each ticket whose response target (dueAt) has passed while it is still
 * open: a notice to the assigned advisor (or the team) and an `overdue_notified` event, in one
 * transaction. Rows are claimed with SKIP LOCKED, and the notice's key names the due date, so
 * several instances never notify twice; a new due date (changed priority) may notify again.
 */
export async function notifyOverdueTickets({ prisma, now = new Date(), batchSize = 100 }: { prisma: PrismaClient; now?: Date; batchSize?: number }): Promise<number> {
  return prisma.$transaction(async (transaction) => {
    const due = await transaction.$queryRaw<{ id: string; number: string; subject: string; category: string; priority: string; assigneeId: string | null; dueAt: Date }[]>(Prisma.sql`
      SELECT t."id", t."number", t."subject", t."category"::text AS "category", t."priority"::text AS "priority", t."assigneeId", t."dueAt"
      FROM "Ticket" t
      WHERE t."dueAt" < ${now} AND t."status" IN ('neu', 'in_bearbeitung') AND t."mergedIntoId" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "TicketEvent" e WHERE e."ticketId" = t."id" AND e."type" = 'overdue_notified' AND (e."data"->>'dueAt')::timestamptz = t."dueAt")
      ORDER BY t."dueAt"
      LIMIT ${batchSize}
      FOR UPDATE OF t SKIP LOCKED`);
    for (const ticket of due) {
      const dueAt = ticket.dueAt.toISOString();
      await transaction.ticketEvent.create({ data: { ticketId: ticket.id, type: 'overdue_notified', actorType: 'system', data: { dueAt, assigneeId: ticket.assigneeId }, createdAt: now } });
      await enqueueOutbox(transaction, {
        kind: 'advisor_notification',
        target: { advisorId: ticket.assigneeId },
        payload: { event: 'ticket_overdue', ticketNumber: ticket.number, subject: ticket.subject, category: ticket.category, priority: ticket.priority, dueAt },
        idempotencyKey: `overdue:${ticket.id}:${dueAt}`,
        ticketId: ticket.id,
      });
    }
    return due.length;
  });
}
