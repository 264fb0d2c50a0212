import { deleteAttachmentFiles } from '../email/attachment-files.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { startPeriodicTask } from '../periodic-task.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { applyRetention, type RetentionPolicy, type RetentionReport } from '../tickets/index.ts';

export interface RetentionWorker {
  /** One pass now (after any pass in progress); `now` moves the clock for tests. */
  runOnce(now?: Date): Promise<RetentionReport | undefined>;
  stop(): Promise<void>;
}

/**
 * The retention job: every `intervalMinutes` (0 = only on request), in every instance; the rows
 * themselves make sure each is handled once. Attachment files go after the database commits;
 * counts are logged and counted in `/metrics`.
 */
export function startRetentionWorker({
  prisma,
  policy,
  intervalMinutes,
  attachmentsDirectory,
  logger,
  metrics,
  afterChanges,
}: {
  prisma: PrismaClient;
  policy: RetentionPolicy;
  intervalMinutes: number;
  attachmentsDirectory: string;
  logger: Logger;
  metrics: Metrics;
  /** Runs after a pass that changed something (the embedded database then drops old row versions). */
  afterChanges?: () => Promise<unknown>;
}): RetentionWorker {
  return startPeriodicTask<Date, RetentionReport>({
    intervalMs: intervalMinutes * 60_000,
    onError: (error) => logger.error({ err: error }, 'retention pass failed'),
    async pass(now = new Date()) {
      const report = await applyRetention({ prisma, policy, now });
      const filesDeleted = await deleteAttachmentFiles(attachmentsDirectory, report.attachmentsToDelete);
      const counts = { tickets: report.tickets, messages: report.messages, bookings: report.bookings, conversations: report.conversations, answers: report.answers, contacts: report.contacts, outbox: report.outbox + report.outboxDeleted, dedupe: report.dedupeDeleted, verifications: report.verificationsDeleted, rateLimits: report.rateLimitsDeleted, attachments: filesDeleted };
      for (const [kind, count] of Object.entries(counts)) if (count > 0) metrics.retentionRecords.inc({ kind }, count);
      if (Object.values(counts).some((count) => count > 0)) {
        await afterChanges?.();
        logger.info({ retention: counts }, 'retention applied');
      }
      return report;
    },
  });
}
