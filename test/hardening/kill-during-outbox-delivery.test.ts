import type { ChildProcess } from 'node:child_process';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../prisma/client.ts';
import { childEnvironment, freePort, startServiceProcess, temporaryDirectory, waitForOk } from '../helpers/processes.ts';
import { stopChild } from './child-processes.ts';

const inbox = 'schul-it@ego-mv.example';
const inquiryCount = 12;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An SMTP server that takes `delayMs` per mail (a slow relay) and records each Message-ID it accepted. */
async function startSlowSink() {
  const received: string[] = [];
  let delayMs = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('latin1')));
      stream.on('end', () => {
        setTimeout(() => {
          received.push(/^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '(keine)');
          callback();
        }, delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // Bounded: connections of a killed client may linger until their timeout.
  cleanups.push(() => Promise.race([new Promise<void>((resolve) => server.close(() => resolve())), new Promise<void>((resolve) => setTimeout(resolve, 2000))]));
  return { url: `smtp://127.0.0.1:${port}`, received, setDelay: (ms: number) => (delayMs = ms) };
}

function track(child: ChildProcess) {
  cleanups.push(async () => {
    await stopChild(child, 'SIGKILL');
  });
}

describe('kill -9 during outbox delivery', () => {
  it('delivers every queued mail after a restart, each with a stable Message-ID, duplicates only from the crash window', async () => {
    const sink = await startSlowSink();
    sink.setDelay(300);
    const dataDir = await temporaryDirectory();
    const environment = async () => {
      const port = await freePort();
      const mailPort = await freePort();
      const env = childEnvironment({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', MAIL_INBOUND_SMTP_PORT: String(mailPort), MAIL_INBOUND_HOST: '127.0.0.1', MAIL_FROM: `Schul-IT Assistent <${inbox}>`, SMTP_URL: sink.url, ADVISOR_TEAM_EMAIL: 'team@ego-mv.example', MAIL_AUTO_REPLIES_PER_DAY: '100', SEED_SAMPLE_DATA: 'false' });
      return { port, mailPort, env };
    };
    const first = await environment();
    const service = startServiceProcess(first.env);
    track(service.child);
    await waitForOk(`http://127.0.0.1:${first.port}/readyz`, 90_000);
    const sender = nodemailer.createTransport({ host: '127.0.0.1', port: first.mailPort, secure: false, ignoreTLS: true });
    for (let index = 0; index < inquiryCount; index += 1) {
      await sender.sendMail({
        envelope: { from: `amt-${index}@gemeinde.example`, to: [inbox] },
        raw: `From: amt-${index}@gemeinde.example\r\nTo: ${inbox}\r\nSubject: Verwendungsnachweis ${index}\r\nMessage-ID: <outbox-kill-${index}@gemeinde.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBitte prüfen Sie unseren Verwendungsnachweis Nummer ${index}.\r\n`,
      });
    }
    sender.close();
    // The worker delivers on its own every few seconds; kill it in the middle of a batch.
    await expect.poll(() => sink.received.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(3);
    await stopChild(service.child, 'SIGKILL');
    const deliveredBeforeKill = sink.received.length;

    const afterCrash = await openDatabase({ dataDir });
    let total: number;
    let inFlight: number;
    try {
      total = await afterCrash.prisma.outboxMessage.count();
      inFlight = await afterCrash.prisma.outboxMessage.count({ where: { status: 'delivering' } });
      // No lease is waited out: the embedded database has one owner, so the restarted service
      // takes up what the crashed one left "delivering" at once.
    } finally {
      await afterCrash.close();
    }
    expect(total).toBeGreaterThan(deliveredBeforeKill);

    sink.setDelay(0);
    const second = await environment();
    const restarted = startServiceProcess(second.env);
    track(restarted.child);
    await waitForOk(`http://127.0.0.1:${second.port}/readyz`, 90_000);
    await expect.poll(() => new Set(sink.received).size, { timeout: 60_000, interval: 200 }).toBe(total);
    expect(await stopChild(restarted.child, 'SIGTERM')).toBe(0);

    const database = await openDatabase({ dataDir });
    try {
      const notDelivered = await database.prisma.outboxMessage.findMany({ where: { status: { not: 'delivered' } }, select: { kind: true, status: true, lastError: true } });
      expect(notDelivered).toEqual([]);
      // One Message-ID per outbox row, the same on every attempt: a fresh id per send would give more distinct ids than rows.
      expect(sink.received.every((id) => /^<[^<>\s]+@[^<>\s]+>$/.test(id))).toBe(true);
      expect(new Set(sink.received).size).toBe(total);
    } finally {
      await database.close();
    }
    const duplicates = sink.received.length - new Set(sink.received).size;
    process.stdout.write(`kill -9 beim Versand: ${total} Nachrichten im Ausgangspostfach, ${deliveredBeforeKill} vor dem Abbruch zugestellt, ${inFlight} in Zustellung, alle zugestellt, ${duplicates} doppelt (gleiche Message-ID)\n`);
    // At most the batch that was in flight can go out twice.
    expect(duplicates).toBeLessThanOrEqual(inFlight);
  }, 180_000);
});
