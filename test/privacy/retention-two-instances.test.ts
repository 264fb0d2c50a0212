import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { anonymisedText, updateTicketStatus } from '../../tickets/index.ts';
import { postgresUrl } from '../helpers/database.ts';
import { temporaryDirectory } from '../helpers/processes.ts';

const serverUrl = postgresUrl();
const inbox = 'schul-it@ego-mv.example';

/**
 * Two instances of the service on one PostgreSQL database of their own (so that zero-day retention
 * touches no other suite's rows), each with its retention job: a closed ticket is anonymised once,
 * whichever instance gets to it, and each instance's /metrics counts only what it did.
 */
describe.skipIf(!serverUrl)('retention with two instances on PostgreSQL', () => {
  const databaseName = `schulit_retention_${process.pid}_${Date.now()}`;
  const instances: RunningService[] = [];
  const admin = () => new pg.Client({ connectionString: serverUrl! });
  afterAll(async () => {
    for (const instance of instances) await instance.close();
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await client.end();
  });

  it('anonymises a closed ticket exactly once with retention set to zero days', async () => {
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE "${databaseName}"`);
    await client.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${databaseName}`;
    const settings = {
      DATABASE_URL: url.toString(),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      MAIL_FROM: `Schul-IT Assistent <${inbox}>`,
      RETENTION_CLOSED_TICKETS_DAYS: '0',
      RETENTION_CONVERSATIONS_DAYS: '0',
      RETENTION_ANSWERS_DAYS: '0',
      RETENTION_OUTBOX_DAYS: '0',
      RETENTION_DEDUPE_DAYS: '0',
      RETENTION_VERIFICATION_DAYS: '0',
      RETENTION_INTERVAL_MINUTES: '0',
    };
    for (let index = 0; index < 2; index += 1) {
      instances.push(await startService({ config: loadConfig({ ...settings, DATA_DIR: await temporaryDirectory() }), logger: createLogger({ level: 'silent' }) }));
    }
    const [first, second] = instances as [RunningService, RunningService];

    const raw = await new MailComposer({ from: 'Frieda Kasten <f.kasten@amt-loitz.example>', to: inbox, subject: 'Frage zum Mittelabruf', messageId: '<mittelabruf-1@amt-loitz.example>', text: 'Wie rufen wir die Mittel beim LFI ab? Tel. 039998 1 23 45' }).compile().build();
    const outcome = await first.ingestMail(raw);
    expect(outcome).toMatchObject({ outcome: 'created' });
    const number = (outcome as { ticketNumber: string }).ticketNumber;
    const prisma = first.database.prisma;
    const open = await prisma.ticket.findUniqueOrThrow({ where: { number } });

    // An open ticket is never anonymised, however old.
    await Promise.all([first.applyRetentionNow(), second.applyRetentionNow()]);
    expect((await prisma.ticket.findUniqueOrThrow({ where: { number } })).anonymizedAt).toBeNull();

    await updateTicketStatus({ prisma, ticketNumber: number, status: 'geschlossen', actor: { type: 'advisor' } });
    const later = new Date(Date.now() + 60_000);
    const reports = await Promise.all([first.applyRetentionNow(later), second.applyRetentionNow(later), first.applyRetentionNow(later), second.applyRetentionNow(later)]);
    expect(reports.reduce((sum, report) => sum + (report?.tickets ?? 0), 0)).toBe(1);

    const closed = await prisma.ticket.findUniqueOrThrow({ where: { number }, include: { messages: true } });
    expect(closed).toMatchObject({ number, category: open.category, status: 'geschlossen', subject: anonymisedText, requesterEmail: null, requesterName: null });
    expect(closed.messages.every((message) => message.text === anonymisedText && message.authorEmail === null && message.originalText === null)).toBe(true);
    expect(await prisma.contact.count({ where: { email: 'f.kasten@amt-loitz.example' } })).toBe(0);

    const counted = await Promise.all(
      [first, second].map(async (instance) => {
        const metrics = await (await fetch(`http://127.0.0.1:${instance.port}/metrics`)).text();
        return Number(/schulit_retention_records_total\{kind="tickets"\} (\d+)/.exec(metrics)?.[1] ?? 0);
      }),
    );
    expect(counted[0]! + counted[1]!).toBe(1);
  }, 120_000);
});
