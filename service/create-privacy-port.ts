import type { Config } from '../config.ts';
import { deleteAttachmentFiles } from '../email/attachment-files.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { erasePersonalData, findPersonalData, type PersonQuery } from '../tickets/index.ts';
import { buildPrivacyExport } from './build-privacy-export.ts';
import { attachmentsDirectoryOf, retentionPolicyOf } from './privacy-settings.ts';

/** Access and erasure requests (Art. 15 and 17 DSGVO) for the workspace and the CLI. */
export function createPrivacyPort({ prisma, config }: { prisma: PrismaClient; config: Config }) {
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
      };
    },
    export: (person: PersonQuery) => buildPrivacyExport({ prisma, person, attachmentsDirectory, retention: retentionPolicyOf(config) }),
    /** Erases in one transaction, then deletes the attachment files nothing else refers to. */
    async erase(person: PersonQuery, advisorId?: string) {
      const report = await erasePersonalData({ prisma, person, advisorId });
      const filesDeleted = await deleteAttachmentFiles(attachmentsDirectory, report.attachmentsToDelete);
      const { attachmentsToDelete: _files, ...counts } = report;
      return { ...counts, attachments: filesDeleted };
    },
  };
}

export type PrivacyPort = ReturnType<typeof createPrivacyPort>;
