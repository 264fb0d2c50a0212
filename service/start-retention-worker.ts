import { deleteAttachmentFiles } from '../email/attachment-files.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
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
  let running: Promise<RetentionReport | undefined> = Promise.resolve(undefined);
  let isStopped = false;
  const pass = (now = new Date()) => {
    running = running.then(async () => {
      if (isStopped) return undefined;
      try {
        const report = await applyRetention({ prisma, policy, now });
        const filesDeleted = await deleteAttachmentFiles(attachmentsDirectory, report.attachmentsToDelete);
        const counts = { tickets: report.tickets, messages: report.messages, bookings: report.bookings, conversations: report.conversations, answers: report.answers, contacts: report.contacts, outbox: report.outbox + report.outboxDeleted, dedupe: report.dedupeDeleted, verifications: report.verificationsDeleted, rateLimits: report.rateLimitsDeleted, attachments: filesDeleted };
        for (const [kind, count] of Object.entries(counts)) if (count > 0) metrics.retentionRecords.inc({ kind }, count);
        if (Object.values(counts).some((count) => count > 0)) {
          await afterChanges?.();
          logger.info({ retention: counts }, 'retention applied');
        }
        return report;
      } catch (error) {
        logger.error({ err: error }, 'retention pass failed');
        return undefined;
      }
    });
    return running;
  };
  const timer = intervalMinutes > 0 ? setInterval(() => void pass(), intervalMinutes * 60_000) : undefined;
  timer?.unref();
  return {
    runOnce: pass,
    async stop() {
      isStopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
