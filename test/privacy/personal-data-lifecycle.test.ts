import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import JSZip from 'jszip';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { addAdvisor } from '../../tickets/add-advisor.ts';
import { updateTicketStatus } from '../../tickets/index.ts';
import { temporaryDirectory } from '../helpers/processes.ts';

/**
 * The whole life of one person's data on the embedded default, over HTTP and the mail intake as in
 * production: she writes a mail with an attachment, asks in the chat, books a consultation; an
 * admin exports everything about her and then erases it. Afterwards no table and no file under
 * DATA_DIR holds her address, name or phone number, another person's data is untouched, the team's
 * figures still count her ticket, and the service's own log lines never carried any of it.
 */
const integrationKey = 'privacy-test-integration-key-0123456789';
const inbox = 'schul-it@ego-mv.example';

interface Person {
  name: string;
  email: string;
  phone: string;
  attachmentText: string;
}

const petra: Person = { name: 'Petra Lindenhahn', email: 'p.lindenhahn@amt-kraakow.example', phone: '038457 22 31 88', attachmentText: 'Kostenschaetzung Lindenhahn Grundschule Kraakow 48.000 EUR' };
const jens: Person = { name: 'Jens Ohlerich', email: 'jens.ohlerich@stadt-wolgast.example', phone: '03836 25 17 40', attachmentText: 'Angebot Ohlerich WLAN Wolgast' };

async function mailFrom(person: Person, subject: string, body = 'wir möchten den Förderantrag für das WLAN unserer Grundschule stellen. Welche Unterlagen brauchen wir dafür? Die Kostenschätzung hängt an.'): Promise<Buffer> {
  return new MailComposer({
    from: `${person.name} <${person.email}>`,
    to: inbox,
    subject,
    messageId: `<${Math.random().toString(36).slice(2)}@${person.email.split('@')[1]}>`,
    text: `Guten Tag,\n\n${body}\n\nMit freundlichen Grüßen\n${person.name}\nTel. ${person.phone}\n${person.email}`,
    attachments: [{ filename: 'Kostenschaetzung.txt', content: person.attachmentText, contentType: 'text/plain' }],
  })
    .compile()
    .build();
}

/** Every file below a directory, recursively. */
async function filesBelow(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('a person’s data from first mail to erasure, on the embedded database', () => {
  let service: RunningService;
  let baseUrl: string;
  let adminToken: string;
  let dataDir: string;
  const logLines: string[] = [];
  let mentionTicket = '';

  const chat = async (conversationId: string | undefined, person: Person, text: string) => {
    const response = await fetch(`${baseUrl}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${integrationKey}` },
      body: JSON.stringify({ conversationId, user: { email: person.email, name: person.name }, text }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { conversationId: string; intent: string; booking?: { id: string }; replies: { text: string }[] };
  };
  const admin = (route: string, body: unknown) =>
    fetch(`${baseUrl}/api/advisor/privacy/${route}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: JSON.stringify(body) });

  /** The tables whose rows still hold `needle` anywhere in their columns. */
  const tablesHolding = async (needle: string) => {
    const prisma = service.database.prisma;
    const tables = (await prisma.$queryRaw<{ table_name: string }[]>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`).map((row) => row.table_name);
    const holding: string[] = [];
    for (const table of tables) {
      const [row] = await prisma.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "${table}" t WHERE position(lower($1) in lower(row_to_json(t)::text)) > 0`, needle);
      if (Number(row!.count) > 0) holding.push(table);
    }
    return holding;
  };

  /** Her footprint in every channel: a mail with an attachment, a question in the chat, a booking in the chat. */
  async function leaveTraces(person: Person) {
    const outcome = await service.ingestMail(await mailFrom(person, `Förderantrag WLAN – Rückfragen an ${person.phone}`));
    expect(outcome).toMatchObject({ outcome: 'created' });
    const asked = await chat(undefined, person, `Ist WLAN förderfähig? Ich bin unter ${person.phone} erreichbar.`);
    expect(asked.intent).toBe('question');
    let turn = await chat(asked.conversationId, person, 'Wir hätten gern einen Beratungstermin zum Medienentwicklungsplan, per Video am Dienstag vormittags.');
    for (const answer of [`Dabei sind die Schulleitung und ich, ${person.name}.`, 'Das ist alles.']) if (!turn.booking) turn = await chat(turn.conversationId, person, answer);
    expect(turn.booking).toBeDefined();
  }

  beforeAll(async () => {
    dataDir = await temporaryDirectory();
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    service = await startService({
      config: loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', MAIL_FROM: `Schul-IT Assistent <${inbox}>`, ADVISOR_TEAM_EMAIL: 'team@ego-mv.example', CHAT_INTEGRATION_KEYS: integrationKey, RETENTION_INTERVAL_MINUTES: '0' }),
      logger: createLogger({ level: 'debug', destination }),
    });
    baseUrl = `http://127.0.0.1:${service.port}`;
    adminToken = (await addAdvisor({ prisma: service.database.prisma, name: 'Adele Admin', email: 'adele@ego-mv.example', role: 'admin' })).token;
    await leaveTraces(petra);
    await leaveTraces(jens);
    // He mentions her in a mail of his own: her erasure must reach the mention, not his mail.
    mentionTicket = ((await service.ingestMail(await mailFrom(jens, 'SDM-Zugang', `Wie mit ${petra.name} (${petra.email}) besprochen: unser SDM-Zugang ist gesperrt, bitte entsperren.`))) as { ticketNumber: string }).ticketNumber;
  }, 120_000);
  afterAll(async () => {
    await service?.close();
  });

  it('exports everything about her as a ZIP: mails, attachments, tickets, booking, answers', async () => {
    const preview = (await (await admin('search', { email: petra.email, name: petra.name })).json()) as { tickets: { number: string }[]; conversations: number; mentionedIn: string[] };
    expect(preview.tickets).toHaveLength(2);
    expect(preview.mentionedIn).toEqual([mentionTicket]);
    expect(preview.conversations).toBeGreaterThanOrEqual(1);

    const response = await admin('export', { email: petra.email });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
    expect(names).toEqual(expect.arrayContaining(['anschreiben.txt', 'auskunft.json']));
    const cover = await zip.file('anschreiben.txt')!.async('string');
    expect(cover).toContain('Art. 15 DSGVO');
    expect(cover).toContain('1095 Tage');

    const mails = await Promise.all(names.filter((name) => name.startsWith('mails/')).map((name) => zip.file(name)!.async('string')));
    expect(mails.some((mail) => mail.includes('Welche Unterlagen brauchen wir') && mail.includes(petra.phone))).toBe(true);
    const attachments = await Promise.all(names.filter((name) => name.startsWith('anhaenge/')).map(async (name) => ({ name, content: await zip.file(name)!.async('string') })));
    expect(attachments).toEqual([{ name: expect.stringContaining('Kostenschaetzung.txt'), content: petra.attachmentText }]);

    const data = JSON.parse(await zip.file('auskunft.json')!.async('string')) as { tickets: { category: string; bookings: { participants: string[] }[] }[]; conversations: { answers: { question: string; text: string }[] }[]; contacts: { email: string }[] };
    expect(data.tickets.map((ticket) => ticket.category).sort()).toEqual(['beratung', 'foerderantrag']);
    expect(data.tickets.flatMap((ticket) => ticket.bookings).flatMap((booking) => booking.participants).join(' ')).toContain('Lindenhahn');
    expect(data.conversations.flatMap((conversation) => conversation.answers).map((answer) => answer.question)).toEqual(expect.arrayContaining([expect.stringContaining('Ist WLAN förderfähig?')]));
    expect(data.contacts.map((contact) => contact.email)).toEqual([petra.email]);
    // Nothing of the other person.
    expect(JSON.stringify(data)).not.toContain('Ohlerich');
  });

  it('erases her from every table, replaces mentions of her in his records, keeps him and the figures', async () => {
    const prisma = service.database.prisma;
    const ticketsBefore = await prisma.ticket.count();
    const response = await admin('erase', { person: { email: petra.email, name: petra.name }, confirm: true });
    expect(response.status).toBe(200);
    const { erased } = (await response.json()) as { erased: { tickets: number; attachments: number; held: string[]; mentions: number } };
    expect(erased).toMatchObject({ tickets: 2, attachments: 1, held: [] });
    expect(erased.mentions).toBeGreaterThanOrEqual(2);
    // His mail keeps what he wrote, without her.
    const mention = await prisma.message.findFirstOrThrow({ where: { ticket: { number: mentionTicket }, direction: 'in' } });
    expect(mention.text).toContain('Wie mit [anonymisiert] ([anonymisiert]) besprochen: unser SDM-Zugang ist gesperrt');

    // Figures still count her tickets; their history says that an erasure happened.
    expect(await prisma.ticket.count()).toBe(ticketsBefore);
    expect(await prisma.ticketEvent.count({ where: { type: 'personal_data_erased' } })).toBe(2);

    // Row by row: no table holds her, every table still holds him where he left data.
    for (const needle of [petra.email, petra.name, 'Lindenhahn', petra.phone]) expect(await tablesHolding(needle), needle).toEqual([]);
    expect(await tablesHolding(jens.email)).toEqual(expect.arrayContaining(['Ticket', 'Message', 'Contact']));
    expect(await tablesHolding('Ohlerich')).toEqual(expect.arrayContaining(['Booking']));
  }, 60_000);

  it('ages the other person past every retention period: his tickets are anonymised, his conversation and contact go', async () => {
    const prisma = service.database.prisma;
    const his = await prisma.ticket.findMany({ where: { requesterEmail: jens.email } });
    expect(his).toHaveLength(3);
    for (const ticket of his) await updateTicketStatus({ prisma, ticketNumber: ticket.number, status: 'geschlossen', actor: { type: 'advisor' } });
    // Not yet: closed today.
    expect((await service.applyRetentionNow())?.tickets).toBe(0);
    const report = await service.applyRetentionNow(new Date(Date.now() + 4 * 365 * 86_400_000));
    expect(report).toMatchObject({ tickets: 3, attachmentsToDelete: [expect.any(String)] });
    expect(report!.conversations).toBeGreaterThanOrEqual(1);
    for (const needle of [jens.email, jens.name, 'Ohlerich', jens.phone]) expect(await tablesHolding(needle), needle).toEqual([]);
    const kept = await prisma.ticket.findMany({ where: { id: { in: his.map((ticket) => ticket.id) } } });
    expect(kept.map((ticket) => ({ number: ticket.number, category: ticket.category, status: ticket.status, hasAnonymisedAt: ticket.anonymizedAt !== null }))).toEqual(
      his.map((ticket) => ({ number: ticket.number, category: ticket.category, status: 'geschlossen', hasAnonymisedAt: true })),
    );
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/schulit_retention_records_total\{kind="tickets"\} 3/);
  }, 60_000);

  it('leaves nothing of either person in any file under DATA_DIR, the database files and write-ahead log included', async () => {
    await service.close();
    const files = await filesBelow(dataDir);
    expect(files.some((file) => file.includes(`${path.sep}pglite${path.sep}`))).toBe(true);
    const holding = async (needle: string) => {
      const found: string[] = [];
      for (const file of files) if ((await readFile(file)).includes(Buffer.from(needle))) found.push(path.relative(dataDir, file));
      return found;
    };
    for (const person of [petra, jens]) {
      for (const needle of [person.email, person.name, person.phone, person.attachmentText]) expect(await holding(needle), needle).toEqual([]);
    }
    // The staff account and the knowledge base are still there: the search did look into the files.
    expect((await holding('adele@ego-mv.example')).length).toBeGreaterThan(0);
  }, 60_000);

  it('never wrote a name, an address, a phone number or message text to its log', () => {
    const log = logLines.join('');
    expect(log.length).toBeGreaterThan(1000);
    for (const person of [petra, jens]) {
      for (const needle of [person.email, person.name, person.phone, person.attachmentText]) expect(log, needle).not.toContain(needle);
    }
    for (const text of ['Welche Unterlagen brauchen wir', 'Ist WLAN förderfähig', 'Beratungstermin zum Medienentwicklungsplan']) expect(log).not.toContain(text);
  });
});
