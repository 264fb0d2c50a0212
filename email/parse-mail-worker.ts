// Runs in a worker process (see parse-mail-off-thread.ts): MIME parsing, machine-mail detection and
// quote stripping, away from the event loop that serves HTTP and SMTP. Attachments come back as
// bytes; the main thread stores them (its storage settings may hold functions, which cannot cross).
import { readMail, type MailReadOptions, type ReadMail } from './parse-mail.ts';

export interface ParseTask extends MailReadOptions {
  raw: Uint8Array;
}

export default async function parseInWorker({ raw, ...options }: ParseTask): Promise<ReadMail> {
  return readMail(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), options);
}
