import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { EvalQuestion } from '../knowledge/evaluate-knowledge.ts';
import { percentile, roundTo } from './statistics.ts';

export interface MailFigures {
  mails: number;
  connections: number;
  accepted: number;
  rejected: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Sends `count` realistic mails (eval questions in mail style, from 50 school-board addresses)
 * through the inbound SMTP listener over `connections` pooled connections. The listener answers
 * 250 only after the ticket is committed, so the time per mail is the time to a stored ticket.
 */
export async function ingestMail({ port, to, questions, count, connections }: { port: number; to: string; questions: EvalQuestion[]; count: number; connections: number }): Promise<MailFigures> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: connections, maxMessages: Infinity });
  const texts = questions.filter((question) => question.kind !== 'out_of_scope').map((question) => question.question);
  const latencies: number[] = [];
  let accepted = 0;
  let rejected = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < count) {
        const ordinal = next++;
        const text = texts[ordinal % texts.length]!;
        const begin = performance.now();
        try {
          await transport.sendMail({
            from: `Schulverwaltung ${ordinal % 50} <schulverwaltung${ordinal % 50}@amt-beispiel.de>`,
            to,
            subject: `Frage zum DigitalPakt (${ordinal})`,
            text: `Sehr geehrte Damen und Herren,\n\n${text}\n\nMit freundlichen Grüßen\nSchulverwaltung ${ordinal % 50}\nAmt Beispiel`,
            // Unique across parallel senders (two instances each sending ordinals 0..n in the same millisecond
            // made equal Message-IDs, and the second mail was, rightly, taken as a redelivery).
            messageId: `<bench-${randomUUID()}@amt-beispiel.de>`,
          });
          accepted += 1;
        } catch {
          rejected += 1;
        }
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return {
    mails: count,
    connections,
    accepted,
    rejected,
    perSecond: roundTo(count / seconds),
    p50Ms: roundTo(percentile(latencies, 0.5)),
    p99Ms: roundTo(percentile(latencies, 0.99)),
  };
}
