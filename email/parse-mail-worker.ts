// Runs in a worker thread (see parse-mail-off-thread.ts): MIME parsing, machine-mail detection and
// quote stripping, away from the event loop that serves HTTP and SMTP. Attachments come back as
// bytes; the main thread stores them (its storage settings may hold functions, which cannot cross).
import { readMail, type ReadMail } from './parse-mail.ts';

export interface ParseTask {
  raw: Uint8Array;
  ownAddresses: string[];
  envelopeSender?: string;
}

export default async function parseInWorker({ raw, ownAddresses, envelopeSender }: ParseTask): Promise<ReadMail> {
  return readMail(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), { ownAddresses, envelopeSender });
}
