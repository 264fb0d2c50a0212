import { startPeriodicTask } from '../periodic-task.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { notifyOverdueTickets } from './notify-overdue-tickets.ts';
import { deliverOutbox, type Deliverer, type DeliveryReport } from './outbox.ts';

export interface OutboxWorker {
  /** Runs one pass now, after any pass in progress. */
  runOnce(): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Runs `deliverOutbox` every `intervalMs` until stopped; one pass at a time per instance, and
 * several instances share the work through SKIP LOCKED. Channels register their deliverers by
 * outbox kind; kinds without one stay pending (visible to advisors) until a channel is configured.
 */
export function startOutboxWorker({
  prisma,
  deliverers,
  intervalMs = 5000,
  overdueCheckMs = 60_000,
  onError,
  isSoleWorker = false,
  batchSize = 20,
  drainMs = 4000,
}: {
  prisma: PrismaClient;
  deliverers: Record<string, Deliverer>;
  intervalMs?: number;
  /** How often a pass first queues notices for tickets past their response target (once each). */
  overdueCheckMs?: number;
  onError?: (error: unknown) => void;
  /**
   * True when no other instance can share this database (embedded PGlite holds a lock): messages
   * still "delivering" at start were left by a crash and go back to pending at once instead of
   * waiting out their lease.
   */
  isSoleWorker?: boolean;
  /** Messages claimed at a time. */
  batchSize?: number;
  /** How long one pass goes on claiming batches while they come back full. */
  drainMs?: number;
}): OutboxWorker {
  let lastOverdueCheck = 0;
  const reportError = (error: unknown) => onError?.(error);
  return startPeriodicTask<void, DeliveryReport | undefined>({
    intervalMs,
    onError: reportError,
    after: isSoleWorker ? prisma.outboxMessage.updateMany({ where: { status: 'delivering' }, data: { status: 'pending' } }) : Promise.resolve(),
    async pass(_, isStopped) {
      if (Date.now() - lastOverdueCheck >= overdueCheckMs) {
        lastOverdueCheck = Date.now();
        await notifyOverdueTickets({ prisma }).catch(reportError);
      }
      // A full batch means more are due (a burst of mail, a backlog after an outage): go on at
      // once, for up to `drainMs`, instead of one batch per interval.
      const started = Date.now();
      let report: DeliveryReport | undefined;
      do {
        report = await deliverOutbox({ prisma, deliverers, batchSize }).catch((error: unknown) => {
          reportError(error);
          return undefined;
        });
      } while (report && !isStopped() && report.delivered + report.retried + report.parked + report.waiting >= batchSize && Date.now() - started < drainMs);
      return report;
    },
  });
}
