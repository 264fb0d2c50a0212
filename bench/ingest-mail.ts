import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { EvalQuestion } from '../knowledge/evaluate-knowledge.ts';
import { percentile, roundTo } from './statistics.ts';

export interface MailFigures {
  /** Mails of the measured run (after the first mails). */
  mails: number;
  connections: number;
  /** The first mails after the start, one per connection at once, not in the rate: they wait for the parser processes to start. */
  firstMails: { mails: number; slowestMs: number };
  /** Of all mails sent, the first ones included. */
  accepted: number;
  rejected: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Sends realistic mails (eval questions in mail style, from 50 school-board addresses) through the
 * inbound SMTP listener over `connections` pooled connections. The listener answers 250 only after
 * the ticket is committed, so the time per mail is the time to a stored ticket. First one mail per
 * connection at once, reported apart (the service starts its parser processes with them, as the
 * chat load has its warm-up), then `count` mails for the rate.
 */
export async function ingestMail({ port, to, questions, count, connections }: { port: number; to: string; questions: EvalQuestion[]; count: number; connections: number }): Promise<MailFigures> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: connections, maxMessages: Infinity });
  const texts = questions.filter((question) => question.kind !== 'out_of_scope').map((question) => question.question);
  let accepted = 0;
  let rejected = 0;
  let ordinal = 0;
  const sendOne = async (): Promise<number> => {
    const index = ordinal++;
    const text = texts[index % texts.length]!;
    const begin = performance.now();
    try {
      await transport.sendMail({
        from: `Schulverwaltung ${index % 50} <schulverwaltung${index % 50}@amt-beispiel.de>`,
        to,
        subject: `Frage zum DigitalPakt (${index})`,
        text: `Sehr geehrte Damen und Herren,\n\n${text}\n\nMit freundlichen Grüßen\nSchulverwaltung ${index % 50}\nAmt Beispiel`,
        // Unique across parallel senders (two instances each sending ordinals 0..n in the same millisecond
        // made equal Message-IDs, and the second mail was, rightly, taken as a redelivery).
        messageId: `<bench-${randomUUID()}@amt-beispiel.de>`,
      });
      accepted += 1;
    } catch {
      rejected += 1;
    }
    return performance.now() - begin;
  };
  const firstLatencies = await Promise.all(Array.from({ length: connections }, sendOne));
  const latencies: number[] = [];
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (sent < count) {
        sent += 1;
        latencies.push(await sendOne());
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return {
    mails: count,
    connections,
    firstMails: { mails: firstLatencies.length, slowestMs: roundTo(Math.max(...firstLatencies)) },
    accepted,
    rejected,
    perSecond: roundTo(count / seconds),
    p50Ms: roundTo(percentile(latencies, 0.5)),
    p99Ms: roundTo(percentile(latencies, 0.99)),
  };
}
