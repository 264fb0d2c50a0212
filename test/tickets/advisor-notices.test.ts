import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { addAdvisor, notifyOverdueTickets, registerAdvisorChannel, updateTicketFields } from '../../tickets/index.ts';
import { describeOnEachDatabase, useTestDatabase } from '../helpers/database.ts';
import { createRequestTicket } from '../helpers/factories.ts';
import { temporaryDirectory } from '../helpers/processes.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';

const inbox = 'schul-it@ego-mv.example';
const team = 'team@ego-mv.example';

function rawMail({ from, subject, body }: { from: string; subject: string; body: string }): Buffer {
  const headers = [`From: Gesa Amt <${from}>`, `To: ${inbox}`, `Subject: ${subject}`, `Message-ID: <${Date.now()}.${Math.random().toString(36).slice(2)}@amt-beispiel.de>`, 'Date: Fri, 04 Dec 2026 09:00:00 +0100', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: 8bit'];
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}\r\n`, 'utf8');
}

describe('notices for advisors never silently go nowhere', () => {
  const sink = { current: undefined as Awaited<ReturnType<typeof startSmtpSink>> | undefined };
  let dataDir: string;
  let service: RunningService | undefined;
  const start = async (settings: Record<string, string> = {}) => {
    service = await startService({ config: loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_SAMPLE_DATA: 'false', ...settings }), logger: createLogger({ level: 'silent' }) });
    return service;
  };
  beforeAll(async () => {
    dataDir = await temporaryDirectory();
    sink.current = await startSmtpSink();
  });
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });
  afterAll(async () => {
    await sink.current?.close();
  });

  it('keeps a notice waiting while no route exists and delivers it once the team mailbox is set up', async () => {
    const first = await start();
    const ticket = await createRequestTicket(first.database.prisma, { subject: 'Mittelabruf hängt' });
    await first.deliverOutboxNow();
    const waiting = await first.database.prisma.outboxMessage.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'advisor_notification' } });
    expect(waiting).toMatchObject({ status: 'waiting', attempts: 0 });
    // Waiting is not failing: more passes do not use up its attempts or park it.
    await first.deliverOutboxNow();
    expect(await first.database.prisma.outboxMessage.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ status: 'waiting', attempts: 0 });
    const readiness = (await (await fetch(`http://127.0.0.1:${first.port}/readyz`)).json()) as { warnings: string[] };
    expect(readiness.warnings[0]).toContain('Eine Benachrichtigung wartet darauf.');
    await first.close();
    service = undefined;

    const second = await start({ ADVISOR_TEAM_EMAIL: team, SMTP_URL: sink.current!.url, MAIL_FROM: `Schul-IT Assistent <${inbox}>` });
    await second.deliverOutboxNow();
    expect(await second.database.prisma.outboxMessage.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ status: 'delivered' });
    const notice = sink.current!.received.find((entry) => entry.to.includes(team) && entry.mail.subject?.includes(ticket.number));
    expect(notice?.mail.subject).toBe(`[${ticket.number}] Neuer Vorgang: Mittelabruf hängt`);
  });

  it('tells the assigned advisor personally about a follow-up, and the team while nobody has the case', async () => {
    const running = await start({ ADVISOR_TEAM_EMAIL: team, SMTP_URL: sink.current!.url, MAIL_FROM: `Schul-IT Assistent <${inbox}>` });
    const prisma = running.database.prisma;
    const advisor = await addAdvisor({ prisma, name: 'Franka Beraterin', email: 'franka@ego-mv.example' });
    await running.ingestMail(rawMail({ from: 'gesa@amt-beispiel.de', subject: 'WLAN in der Turnhalle', body: 'Das WLAN in der Turnhalle fällt ständig aus. Bitte um Hilfe.' }));
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { requesterEmail: 'gesa@amt-beispiel.de' } });
    // Nobody has the case yet (assignment would have given it to the only advisor).
    await prisma.ticket.update({ where: { id: ticket.id }, data: { assigneeId: null } });
    await running.ingestMail(rawMail({ from: 'gesa@amt-beispiel.de', subject: `Re: [${ticket.number}] WLAN in der Turnhalle`, body: 'Nachtrag: betroffen sind beide Hallen.' }));
    await running.deliverOutboxNow();
    const toTeam = sink.current!.received.filter((entry) => entry.to.includes(team) && entry.mail.subject?.startsWith(`[${ticket.number}] Neue Nachricht der anfragenden Person`));
    expect(toTeam).toHaveLength(1);

    await prisma.ticket.update({ where: { id: ticket.id }, data: { assigneeId: advisor.advisor.id } });
    await running.ingestMail(rawMail({ from: 'gesa@amt-beispiel.de', subject: `Re: [${ticket.number}] WLAN in der Turnhalle`, body: 'Und noch etwas: der Access Point blinkt rot.' }));
    await running.deliverOutboxNow();
    const personal = sink.current!.received.filter((entry) => entry.to.includes('franka@ego-mv.example'));
    expect(personal).toHaveLength(1);
    expect(personal[0]!.mail.subject).toBe(`[${ticket.number}] Neue Nachricht der anfragenden Person: ${ticket.subject}`);
    expect(personal[0]!.mail.text).toContain('Zuständig: Franka Beraterin');
    expect(personal[0]!.raw).toMatch(/^Auto-Submitted: auto-generated/im);
  });
});

describeOnEachDatabase('advisor notices on the database', (database) => {
  it('releases waiting notices when an advisors’ channel is registered', async () => {
    const prisma = database().prisma;
    const ticket = await createRequestTicket(prisma);
    // Set aside as the worker does it (the service test above runs that path); other tests share this database.
    await prisma.outboxMessage.updateMany({ where: { ticketId: ticket.id, kind: 'advisor_notification' }, data: { status: 'waiting' } });
    expect(await prisma.outboxMessage.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'advisor_notification' } })).toMatchObject({ status: 'waiting', attempts: 0 });
    await registerAdvisorChannel({ prisma, reference: { conversation: { id: '19:beraterkanal@thread.tacv2' } } });
    expect(await prisma.outboxMessage.findFirstOrThrow({ where: { ticketId: ticket.id, kind: 'advisor_notification' } })).toMatchObject({ status: 'pending' });
  });
});

// A private embedded database: the check looks at every ticket, and other tests' tickets must not be notified.
describe('overdue notices', () => {
  const database = useTestDatabase('pglite');
  it('notifies once per response target about an overdue ticket, again after the target moves', async () => {
    const prisma = database().prisma;
    const created = new Date('2030-02-04T08:00:00Z');
    const ticket = await createRequestTicket(prisma, { now: created });
    const later = new Date('2030-02-20T08:00:00Z');
    const notified = async () => prisma.outboxMessage.findMany({ where: { ticketId: ticket.id, kind: 'advisor_notification', payload: { path: ['event'], equals: 'ticket_overdue' } } });
    await notifyOverdueTickets({ prisma, now: later });
    await notifyOverdueTickets({ prisma, now: later });
    expect(await notified()).toHaveLength(1);
    expect(await prisma.ticketEvent.count({ where: { ticketId: ticket.id, type: 'overdue_notified' } })).toBe(1);
    // A new priority gives a new target; once that has passed too, advisors hear of it again.
    const advisor = await addAdvisor({ prisma, name: 'Franka Beraterin', email: 'franka.overdue@ego-mv.example' });
    await updateTicketFields({ prisma, ticketNumber: ticket.number, priority: 'dringend', advisorId: advisor.advisor.id, now: new Date('2030-02-21T08:00:00Z') });
    await notifyOverdueTickets({ prisma, now: new Date('2030-03-10T08:00:00Z') });
    expect(await notified()).toHaveLength(2);
    // Solved tickets are not overdue.
    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: 'geloest', dueAt: new Date('2030-03-11T08:00:00Z') } });
    await notifyOverdueTickets({ prisma, now: new Date('2030-04-10T08:00:00Z') });
    expect(await notified()).toHaveLength(2);
  });
});
