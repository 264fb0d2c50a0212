import { randomUUID } from 'node:crypto';
import { Prisma, type OutboxMessage, type PrismaClient } from '../prisma/client.ts';
import type { Transaction } from './ticket-number.ts';
import { utcTimestamp } from './utc-timestamp.ts';

export interface OutboxEntry {
  /** Delivery kind, e.g. "advisor_notification", "teams_message", "email". */
  kind: string;
  target: Prisma.InputJsonValue;
  payload: Prisma.InputJsonValue;
  /** Same key = same message: a second enqueue is ignored. */
  idempotencyKey: string;
  ticketId?: string;
}

/**
 * The insert of an outbox row as SQL, for a statement that writes it together with other rows:
 * `ticketId` and `payload` may be SQL of that statement (the ticket's CTEs pass `t."id"` and a
 * payload with the assigned number filled in), `from` the rows it is written for. A second row with
 * the same idempotency key is ignored.
 */
export function outboxInsert(
  entry: OutboxEntry,
  { now, ticketId = Prisma.sql`${entry.ticketId ?? null}`, payload = Prisma.sql`${JSON.stringify(entry.payload)}`, from = Prisma.empty }: { now: Date; ticketId?: Prisma.Sql; payload?: Prisma.Sql; from?: Prisma.Sql },
): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "OutboxMessage" ("id", "kind", "target", "payload", "idempotencyKey", "ticketId", "nextAttemptAt", "createdAt", "updatedAt")
    SELECT ${randomUUID()}, ${entry.kind}, ${JSON.stringify(entry.target)}::jsonb, ${payload}::jsonb, ${entry.idempotencyKey}, ${ticketId},
      ${utcTimestamp(now)}, ${utcTimestamp(now)}, ${utcTimestamp(now)}
    ${from}
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
}

/** Writes an outbox row inside the caller's transaction, so it exists exactly when the change does. */
export async function enqueueOutbox(transaction: Transaction, entry: OutboxEntry, now = new Date()): Promise<void> {
  // One statement (Prisma's upsert reads first, then inserts: two round trips in every ticket's transaction).
  await transaction.$executeRaw(outboxInsert(entry, { now }));
}

/**
 * Thrown by a deliverer when the message cannot go anywhere yet (no advisors' route): the message
 * waits, without using up attempts, until `releaseWaitingOutbox` hands it back to the worker.
 */
export class DeliveryWaiting extends Error {
  override name = 'DeliveryWaiting';
}

/** Waiting messages of these kinds are delivered again on the next pass (a route has appeared). */
export async function releaseWaitingOutbox({ prisma, kinds, now = new Date() }: { prisma: PrismaClient | Transaction; kinds: string[]; now?: Date }): Promise<number> {
  const released = await prisma.outboxMessage.updateMany({ where: { status: 'waiting', kind: { in: kinds } }, data: { status: 'pending', nextAttemptAt: now } });
  return released.count;
}

/** Delivers one message; throws to ask for a retry. Receives the idempotency key to dedupe downstream. */
export type Deliverer = (message: OutboxMessage) => Promise<void>;

export interface DeliverOutboxOptions {
  prisma: PrismaClient;
  deliverers: Record<string, Deliverer>;
  batchSize?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  /** A message left "delivering" longer than this (a crashed worker) is taken up again. */
  leaseMs?: number;
  now?: () => Date;
}

export interface DeliveryReport {
  delivered: number;
  retried: number;
  parked: number;
  /** Set aside until a route appears (DeliveryWaiting). */
  waiting: number;
}

/**
 * One pass of the outbox worker. Claims due messages with SKIP LOCKED (several instances never
 * take the same row), delivers them after the commit that wrote them, retries with exponential
 * backoff and parks a message as failed after the last attempt, for advisors to see.
 */
export async function deliverOutbox({
  prisma,
  deliverers,
  batchSize = 20,
  maxAttempts = 6,
  baseDelayMs = 30_000,
  leaseMs = 5 * 60_000,
  now = () => new Date(),
}: DeliverOutboxOptions): Promise<DeliveryReport> {
  const kinds = Object.keys(deliverers);
  const report: DeliveryReport = { delivered: 0, retried: 0, parked: 0, waiting: 0 };
  if (kinds.length === 0) return report;
  const current = now();
  const claimed = await prisma.$queryRaw<OutboxMessage[]>`
    UPDATE "OutboxMessage" SET "status" = 'delivering', "attempts" = "attempts" + 1, "updatedAt" = ${current}
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE "kind" = ANY(${kinds}::text[])
        AND (("status" = 'pending' AND "nextAttemptAt" <= ${current})
          OR ("status" = 'delivering' AND "updatedAt" < ${new Date(current.getTime() - leaseMs)}))
      ORDER BY "createdAt"
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`;
  // Each outcome is written as soon as it is known (a crash loses at most the one in flight), as a
  // plain statement: Prisma's model update compiles and returns the whole row, ~2 ms a message on
  // the embedded database's one thread, with every chat and mail turn waiting behind it.
  const settle = (id: string, change: Prisma.Sql) => prisma.$executeRaw`UPDATE "OutboxMessage" SET ${change}, "updatedAt" = ${now()} WHERE "id" = ${id}`;
  for (const message of claimed) {
    try {
      await deliverers[message.kind]!(message);
      await settle(message.id, Prisma.sql`"status" = 'delivered', "deliveredAt" = ${now()}, "lastError" = NULL`);
      report.delivered += 1;
    } catch (error) {
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      if (error instanceof DeliveryWaiting) {
        // Not a failed attempt: nothing could be tried.
        await settle(message.id, Prisma.sql`"status" = 'waiting', "lastError" = ${lastError}, "attempts" = ${message.attempts - 1}`);
        report.waiting += 1;
      } else if (message.attempts >= maxAttempts) {
        await settle(message.id, Prisma.sql`"status" = 'failed', "lastError" = ${lastError}`);
        report.parked += 1;
      } else {
        const delay = baseDelayMs * 2 ** (message.attempts - 1);
        await settle(message.id, Prisma.sql`"status" = 'pending', "lastError" = ${lastError}, "nextAttemptAt" = ${new Date(now().getTime() + delay)}`);
        report.retried += 1;
      }
    }
  }
  return report;
}

/** Messages that could not be delivered, newest first (shown to advisors). */
export async function listFailedOutboxMessages({ prisma }: { prisma: PrismaClient }) {
  return prisma.outboxMessage.findMany({ where: { status: 'failed' }, orderBy: { updatedAt: 'desc' } });
}
