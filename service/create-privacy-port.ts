import type { Config } from '../config.ts';
import { deleteAttachmentFiles } from '../email/attachment-files.ts';
import type { Database } from '../prisma/client.ts';
import { purgeOldRowVersions } from '../prisma/purge-old-row-versions.ts';
import { erasePersonalData, findPersonalData, setLegalHold, type PersonQuery } from '../tickets/index.ts';
import { buildPrivacyExport } from './build-privacy-export.ts';
import { attachmentsDirectoryOf, retentionPolicyOf } from './privacy-settings.ts';

/** Access and erasure requests (Art. 15 and 17 DSGVO) for the workspace and the CLI. */
export function createPrivacyPort({ database, config }: { database: Database; config: Config }) {
  const { prisma } = database;
  const attachmentsDirectory = attachmentsDirectoryOf(config);
  return {
    /** What an erasure would touch, for the admin to check first. */
    async preview(person: PersonQuery) {
      const found = await findPersonalData({ prisma, person });
      return {
        tickets: found.tickets.map(({ number, subject, status, legalHold, createdAt, closedAt }) => ({ number, subject, status, legalHold, createdAt, closedAt })),
        messagesElsewhere: found.messagesElsewhere.length,
        conversations: found.conversations.length,
        contacts: found.contacts.length,
        outbox: found.outbox.length,
        mentionedIn: found.mentionedIn,
      };
    },
    export: (person: PersonQuery) => buildPrivacyExport({ prisma, person, attachmentsDirectory, retention: retentionPolicyOf(config) }),
    /**
     * Erases in one transaction, then deletes the attachment files nothing else refers to and, on
     * the embedded database, the old row versions left in its files.
     */
    async erase(person: PersonQuery, advisorId?: string) {
      const report = await erasePersonalData({ prisma, person, advisorId });
      const filesDeleted = await deleteAttachmentFiles(attachmentsDirectory, report.attachmentsToDelete);
      await purgeOldRowVersions(database);
      const { attachmentsToDelete: _files, ...counts } = report;
      return { ...counts, attachments: filesDeleted };
    },
    setLegalHold: (ticketNumber: string, hold: boolean, reason?: string, advisorId?: string) => setLegalHold({ prisma, ticketNumber, hold, reason, advisorId }),
  };
}

export type PrivacyPort = ReturnType<typeof createPrivacyPort>;
