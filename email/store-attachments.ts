import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentContent } from './parse-mail.ts';
import type { MailAttachment } from '../handlers/types.ts';

export interface AttachmentLimits {
  maxAttachmentBytes: number;
  maxAttachments: number;
}

/** Writes one file; replaceable so tests can simulate a full disk (ENOSPC) or a read-only mount. */
export type WriteAttachmentFile = (file: string, content: Buffer) => Promise<void>;

export interface AttachmentStorage extends AttachmentLimits {
  directory: string;
  writeFile?: WriteAttachmentFile;
}

const writeToDisk: WriteAttachmentFile = async function writeToDisk(file, content) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
};

const isTnef = (attachment: AttachmentContent) => attachment.contentType === 'application/ms-tnef' || /^winmail\.dat$/i.test(attachment.filename ?? '');

/**
 * Stores attachments content-addressed (SHA-256) under the attachments directory, within limits.
 * What is not stored (too large, too many, disk full) is listed with the reason, never silently
 * dropped, and never stops the mail from becoming a ticket.
 */
export async function storeAttachments(attachments: AttachmentContent[], options: AttachmentStorage | undefined): Promise<MailAttachment[]> {
  const results: MailAttachment[] = [];
  for (const [index, attachment] of attachments.entries()) {
    const sha256 = createHash('sha256').update(attachment.content).digest('hex');
    const entry: MailAttachment = { name: attachment.filename ?? `anhang-${index + 1}`, contentType: attachment.contentType, size: attachment.size, sha256 };
    if (isTnef(attachment)) {
      entry.isTnef = true;
      entry.note = 'Outlook-TNEF (winmail.dat) erkannt; der Inhalt wurde nicht entpackt. Bitte um erneuten Versand als normale Anhänge bitten.';
    }
    if (!options) {
      results.push({ ...entry, note: entry.note ?? 'nicht gespeichert (kein Ablageort)' });
      continue;
    }
    if (index >= options.maxAttachments) {
      results.push({ ...entry, note: `nicht gespeichert: mehr als ${options.maxAttachments} Anhänge` });
      continue;
    }
    if (attachment.size > options.maxAttachmentBytes) {
      results.push({ ...entry, note: `nicht gespeichert: größer als ${Math.round(options.maxAttachmentBytes / 1024 / 1024)} MB` });
      continue;
    }
    try {
      const relative = path.join(sha256.slice(0, 2), sha256);
      await (options.writeFile ?? writeToDisk)(path.join(options.directory, relative), attachment.content);
      results.push({ ...entry, storedAt: relative });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOSPC' || code === 'EDQUOT' ? 'Speicher voll' : code === 'EROFS' || code === 'EACCES' ? 'Ablage nicht beschreibbar' : 'Schreibfehler';
      results.push({ ...entry, note: `${entry.note ? `${entry.note} ` : ''}nicht gespeichert: ${reason}. Bitte die Person um erneuten Versand bitten, sobald die Ablage wieder Platz hat.` });
    }
  }
  return results;
}
