import path from 'node:path';
import type { Config } from '../config.ts';
import type { RetentionPolicy } from '../tickets/index.ts';

/** The retention periods as configured (RETENTION_*). */
export function retentionPolicyOf(config: Config): RetentionPolicy {
  return {
    closedTicketsDays: config.RETENTION_CLOSED_TICKETS_DAYS,
    conversationsDays: config.RETENTION_CONVERSATIONS_DAYS,
    answersDays: config.RETENTION_ANSWERS_DAYS,
    outboxDays: config.RETENTION_OUTBOX_DAYS,
    dedupeDays: config.RETENTION_DEDUPE_DAYS,
    verificationDays: config.RETENTION_VERIFICATION_DAYS,
  };
}

/** Where mail attachments are stored (`DATA_DIR/attachments`). */
export function attachmentsDirectoryOf(config: Config): string {
  return path.resolve(config.DATA_DIR, 'attachments');
}
