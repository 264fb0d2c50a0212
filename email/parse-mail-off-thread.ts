import type { Logger } from '../logger.ts';
import { createLazyWorkerPool, isWorkerTimeout } from '../worker-pool.ts';
import { parseWithoutMime, readDroppedMachineMail, withStoredAttachments, type ParsedMail, type ReadMail } from './parse-mail.ts';
import type { AttachmentStorage } from './store-attachments.ts';
import type { ParseTask } from './parse-mail-worker.ts';
import { siblingModule } from '../project-root.ts';

export interface OffThreadParser {
  parse(raw: Buffer, options: Omit<ParseTask, 'raw'> & { attachments?: AttachmentStorage }): Promise<ParsedMail>;
  close(): Promise<void>;
}

/**
 * MIME parsing, detection and quote stripping in a worker process with a time and memory limit, so
 * that no mail can stall the event loop that serves HTTP, SMTP and the outbox. A mail that hits a
 * limit (or crashes the parser) is read again without MIME: it still becomes a ticket, with its
 * raw text, and the advisors see why.
 */
export function createOffThreadParser({ timeoutMs, maxMemoryMb = 512, logger }: { timeoutMs: number; maxMemoryMb?: number; logger: Logger }): OffThreadParser {
  const pool = createLazyWorkerPool<ParseTask, ReadMail>(siblingModule('parse-mail-worker', import.meta.url), { maxMemoryMb });
  return {
    async parse(raw, { attachments, ...options }) {
      // Machine mail the policy drops is decided from its header block and a bounded window of its
      // body, here, without a round trip through the parser process (same verdicts on all 1,314
      // readings of the fixture corpus, test/email/machine-mail-corpus.test.ts).
      const dropped = readDroppedMachineMail(raw, options);
      if (dropped) return dropped;
      let read: ReadMail;
      try {
        read = await pool.run({ raw: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), ...options }, { timeoutMs });
      } catch (error) {
        const reason = isWorkerTimeout(error) ? 'time limit' : 'parser failure';
        logger.warn({ err: error, bytes: raw.length, reason }, 'mail parsed without MIME after hitting a limit');
        return parseWithoutMime(raw, { ...options, note: reason === 'time limit' ? `Zeitlimit von ${timeoutMs} ms beim Lesen überschritten` : 'Die Mail ließ sich nicht vollständig lesen' });
      }
      // Buffers arrive as plain Uint8Arrays from the worker.
      const attachmentContents = read.attachments.map((attachment) => ({ ...attachment, content: Buffer.from(attachment.content) }));
      return withStoredAttachments({ parsed: read.parsed, attachments: attachmentContents }, attachments);
    },
    close: () => pool.close(),
  };
}
