import net from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { EvalQuestion } from '../knowledge/evaluate-knowledge.ts';
import { openDatabase } from '../prisma/client.ts';
import { freePort, projectRoot } from '../test/helpers/processes.ts';
import { slowestHealthz } from '../test/helpers/slowest-healthz.ts';
import { ingestMail, type MailFigures } from './ingest-mail.ts';
import { startBenchService, type BenchService } from './service-process.ts';
import { roundTo } from './statistics.ts';

export interface MailIntakeFigures {
  human: MailFigures;
  machine: { mails: number; perSecond: number; ticketsOpened: number; repliesQueued: number };
  hostile: { name: string; kilobytes: number; ms: number; slowestHealthzMs: number; ticket: boolean }[];
  oversized: { megabytes: number; response: string; residentBeforeMb: number | null; residentPeakMb: number | null };
}

const inbox = 'schul-it@localhost';
const corpus = path.join(projectRoot, 'test/fixtures/mail/sisimai-set-of-emails/maildir/bsd');

/** A DATA stream of `megabytes` sent without SIZE=, with backpressure; resolves with the server's final reply. */
function streamOversized(port: number, megabytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const replies: string[] = [];
    let buffered = '';
    let step = 0;
    const commands = ['EHLO bench.local', 'MAIL FROM:<bench@amt-beispiel.de>', `RCPT TO:<${inbox}>`, 'DATA'];
    socket.on('error', reject);
    socket.on('data', async (chunk: Buffer) => {
      buffered += chunk.toString();
      if (!/\r\n$/.test(buffered) || /^\d{3}-/m.test(buffered.split('\r\n').filter(Boolean).at(-1) ?? '')) return;
      replies.push(buffered.trim());
      buffered = '';
      if (step < commands.length) {
        socket.write(`${commands[step++]}\r\n`);
        return;
      }
      if (step === commands.length) {
        step += 1;
        socket.write(`From: bench@amt-beispiel.de\r\nTo: ${inbox}\r\nSubject: gross\r\n\r\n`);
        const line = Buffer.from(`${'x'.repeat(998)}\r\n`);
        const block = Buffer.concat(Array.from({ length: 1024 }, () => line));
        for (let written = 0; written < megabytes * 1024 * 1024; written += block.length) {
          if (!socket.write(block)) await new Promise((drained) => socket.once('drain', drained));
        }
        socket.write('\r\n.\r\n');
        return;
      }
      socket.end('QUIT\r\n');
      resolve(replies.at(-1) ?? '');
    });
  });
}

/**
 * The mail intake as the internet uses it, on its own service process: people's mail, the sisimai
 * corpus of real bounces with a null envelope sender, pathological bodies with /healthz polled
 * alongside, and a 150 MB DATA stream without SIZE= with the process's memory watched.
 */
export async function measureMailIntake({ dataDir, questions, mails, cpuProfileDirectory }: { dataDir: string; questions: EvalQuestion[]; mails: number; cpuProfileDirectory?: string }): Promise<MailIntakeFigures> {
  const mailPort = await freePort();
  const environment = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    DATA_DIR: dataDir,
    MAIL_INBOUND_SMTP_PORT: String(mailPort),
    MAIL_INBOUND_ADDRESSES: inbox,
    MAIL_AUTO_REPLIES_PER_DAY: '1000',
    SMTP_URL: 'smtp://127.0.0.1:9',
  };
  const service: BenchService = await startBenchService({ environment, port: await freePort(), cpuProfileDirectory });
  let figures: Omit<MailIntakeFigures, 'machine'> & { machine: { mails: number; perSecond: number } };
  try {
    const human = await ingestMail({ port: mailPort, to: inbox, questions, count: mails, connections: 4 });

    const files = (await readdir(corpus)).filter((name) => name.endsWith('.eml')).sort();
    const raws = await Promise.all(files.map((name) => readFile(path.join(corpus, name))));
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: mailPort, secure: false, ignoreTLS: true, pool: true, maxConnections: 4, maxMessages: Infinity });
    const started = performance.now();
    let next = 0;
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        while (next < raws.length) await transport.sendMail({ envelope: { from: '', to: [inbox] }, raw: raws[next++]! });
      }),
    );
    const machineSeconds = (performance.now() - started) / 1000;

    const hostile: MailIntakeFigures['hostile'] = [];
    const bodies = {
      'Leerzeilen 96 KB': '\r\n'.repeat(48 * 1024),
      'Leerzeilen 1 MB': '\r\n'.repeat(512 * 1024),
      '50.000 Zitatzeilen': '> zitiert\r\n'.repeat(50_000),
      'eine Zeile 1 MB': 'a'.repeat(1024 * 1024),
    };
    for (const [name, body] of Object.entries(bodies)) {
      const id = `hostile-${hostile.length}-${Date.now()}`;
      const raw = `From: Amt <${id}@amt-beispiel.de>\r\nTo: ${inbox}\r\nSubject: ${name}\r\nMessage-ID: <${id}@amt-beispiel.de>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIst WLAN förderfähig?\r\n${body}`;
      const begin = performance.now();
      const slowest = roundTo(await slowestHealthz(service.baseUrl, transport.sendMail({ envelope: { from: `${id}@amt-beispiel.de`, to: [inbox] }, raw })));
      hostile.push({ name, kilobytes: Math.round(Buffer.byteLength(body) / 1024), ms: roundTo(performance.now() - begin), slowestHealthzMs: slowest, ticket: true });
    }
    transport.close();

    const residentBeforeMb = await service.residentMb();
    let residentPeakMb = residentBeforeMb;
    const watching = setInterval(() => {
      void service.residentMb().then((now) => (residentPeakMb = Math.max(residentPeakMb ?? 0, now ?? 0)));
    }, 50);
    const response = await streamOversized(mailPort, 150).finally(() => clearInterval(watching));

    figures = { human, machine: { mails: raws.length, perSecond: roundTo(raws.length / machineSeconds) }, hostile, oversized: { megabytes: 150, response, residentBeforeMb, residentPeakMb } };
  } finally {
    await service.stop();
  }
  // Counted after the service stopped (the embedded database belongs to one process at a time).
  const database = await openDatabase({ dataDir });
  try {
    const tickets = await database.prisma.ticket.findMany({ where: { channel: 'email' }, select: { subject: true } });
    for (const entry of figures.hostile) entry.ticket = tickets.some((ticket) => ticket.subject === entry.name);
    const hostileTickets = figures.hostile.filter((entry) => entry.ticket).length;
    const replies = await database.prisma.outboxMessage.count({ where: { kind: 'email' } });
    return {
      ...figures,
      machine: { ...figures.machine, ticketsOpened: tickets.length - figures.human.accepted - hostileTickets, repliesQueued: replies - figures.human.accepted - hostileTickets },
    };
  } finally {
    await database.close();
  }
}
