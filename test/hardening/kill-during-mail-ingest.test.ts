import type { ChildProcess } from 'node:child_process';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../prisma/client.ts';
import { childEnvironment, freePort, startServiceProcess, temporaryDirectory, waitForOk } from '../helpers/processes.ts';
import { stopChild } from './child-processes.ts';

const inbox = 'schul-it@ego-mv.example';
const mailCount = 30;

const started: ChildProcess[] = [];
afterEach(async () => {
  for (const child of started.splice(0)) await stopChild(child, 'SIGKILL');
});

function inquiry(index: number): string {
  return [
    `From: Schulamt ${index} <amt-${index}@gemeinde-${index}.example>`,
    `To: ${inbox}`,
    `Subject: Frage zum Förderantrag Nummer ${index}`,
    `Message-ID: <kill-${index}@gemeinde-${index}.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Sehr geehrte Damen und Herren, bitte prüfen Sie unseren Verwendungsnachweis (Vorgang ${index}). Mit freundlichen Grüßen`,
    '',
  ].join('\r\n');
}

/** Sends every mail over its own SMTP connection, `parallel` at a time; resolves with the indexes that got 250. */
async function sendAll(port: number, indexes: number[], parallel: number, onAccepted?: (count: number) => void): Promise<Set<number>> {
  const accepted = new Set<number>();
  const queue = [...indexes];
  async function worker() {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 3000, greetingTimeout: 3000, socketTimeout: 10_000 });
      try {
        await transport.sendMail({ envelope: { from: `amt-${index}@gemeinde-${index}.example`, to: [inbox] }, raw: inquiry(index) });
        accepted.add(index);
        onAccepted?.(accepted.size);
      } catch {
        // Not accepted: the MTA keeps the mail and delivers it again later.
      } finally {
        transport.close();
      }
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker));
  return accepted;
}

describe('kill -9 during mail intake over SMTP', () => {
  it('ends with exactly one ticket per Message-ID after a restart and redelivery of every mail', async () => {
    const dataDir = await temporaryDirectory();
    const environment = async () => {
      const port = await freePort();
      const mailPort = await freePort();
      return { port, mailPort, env: childEnvironment({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', MAIL_INBOUND_SMTP_PORT: String(mailPort), MAIL_INBOUND_HOST: '127.0.0.1', MAIL_FROM: `Schul-IT Assistent <${inbox}>`, SEED_SAMPLE_DATA: 'false' }) };
    };
    const first = await environment();
    const service = startServiceProcess(first.env);
    started.push(service.child);
    await waitForOk(`http://127.0.0.1:${first.port}/readyz`, 90_000);

    const all = Array.from({ length: mailCount }, (_, index) => index);
    let killedAfter = -1;
    let killed: Promise<unknown> = Promise.resolve();
    const acceptedBeforeKill = await sendAll(first.mailPort, all, 5, (count) => {
      if (count === 8 && killedAfter < 0) {
        killedAfter = count;
        killed = stopChild(service.child, 'SIGKILL');
      }
    });
    await killed;
    expect(killedAfter).toBe(8);
    expect(acceptedBeforeKill.size).toBeLessThan(mailCount);

    const second = await environment();
    const restarted = startServiceProcess(second.env);
    started.push(restarted.child);
    await waitForOk(`http://127.0.0.1:${second.port}/readyz`, 90_000);
    // As an MTA would: everything not acknowledged again, and (worst case) the acknowledged ones too;
    // a mail refused with a temporary error (451) is queued by the MTA and tried once more.
    const redelivered = await sendAll(second.mailPort, all, 4);
    const firstRound = redelivered.size;
    for (let round = 0; round < 3 && redelivered.size < mailCount; round += 1) {
      for (const index of await sendAll(second.mailPort, all.filter((candidate) => !redelivered.has(candidate)), 1)) redelivered.add(index);
    }
    const temporaryFailures = restarted.output().split('\n').filter((line) => line.includes('inbound mail failed'));
    process.stdout.write(`Neustart: ${firstRound} von ${mailCount} in der ersten Runde angenommen; vorübergehende Fehler (451): ${temporaryFailures.map((line) => /"message":"([^"]{0,200})/.exec(line)?.[1] ?? line.slice(0, 200)).join(' | ') || 'keine'}\n`);
    expect(redelivered.size).toBe(mailCount);
    expect(await stopChild(restarted.child, 'SIGTERM')).toBe(0);

    const database = await openDatabase({ dataDir });
    try {
      const messageIds = all.map((index) => `<kill-${index}@gemeinde-${index}.example>`);
      const processed = await database.prisma.processedInboundMessage.findMany({ where: { channel: 'email', externalId: { in: messageIds } } });
      const tickets = await database.prisma.ticket.findMany({ where: { channel: 'email' }, include: { messages: { where: { direction: 'in' } } } });
      process.stdout.write(`kill -9 bei der Mail-Annahme: ${acceptedBeforeKill.size} von ${mailCount} vor dem Abbruch mit 250 angenommen, nach Neustart alle ${redelivered.size} erneut zugestellt, ${tickets.length} Tickets\n`);
      // Every Message-ID recorded once, each with its own ticket, each ticket with exactly one inbound mail.
      expect(processed.map((row) => row.externalId).sort()).toEqual([...messageIds].sort());
      expect(new Set(processed.map((row) => row.ticketId)).size).toBe(mailCount);
      expect(tickets).toHaveLength(mailCount);
      expect(tickets.filter((ticket) => ticket.messages.length !== 1).map((ticket) => ticket.number)).toEqual([]);
      expect(new Set(tickets.map((ticket) => ticket.id))).toEqual(new Set(processed.map((row) => row.ticketId)));
    } finally {
      await database.close();
    }
  }, 240_000);
});
