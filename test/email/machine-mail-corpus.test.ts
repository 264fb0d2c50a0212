import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail, readDroppedMachineMail, readMail } from '../../email/parse-mail.ts';
import { useMailService, testInbox } from '../helpers/mail-service.ts';
import { projectRoot } from '../helpers/processes.ts';

// sisimai's set-of-emails (BSD-2-Clause, see test/fixtures/mail/SOURCES.md): 629 real bounces,
// delivery reports, complaint reports and auto-replies from about 100 mail systems.
const corpus = path.join(projectRoot, 'test/fixtures/mail/sisimai-set-of-emails/maildir');
const machineFiles = async () => [
  ...(await readdir(path.join(corpus, 'bsd'))).filter((name) => name.endsWith('.eml')).map((name) => path.join(corpus, 'bsd', name)),
  path.join(corpus, 'not', 'rb-issue-368-bug.eml'),
];
const humanFiles = ['is-not-bounce-01.eml', 'is-not-bounce-02.eml'].map((name) => path.join(corpus, 'not', name));

describe('machine mail from the content alone (no envelope sender known, as over IMAP without Return-Path)', () => {
  it('recognises every report of the corpus except a person forwarding one, and leaves people alone', async () => {
    const missed: string[] = [];
    for (const file of await machineFiles()) {
      const parsed = await parseMail(await readFile(file), { ownAddresses: [testInbox], envelopeSender: 'relay@example.org' });
      if (parsed.facts.automatic === null) missed.push(path.basename(file));
    }
    // A person forwarding a bounce ("Fwd: Returned mail …") is a person asking about it.
    expect(missed).toEqual(['lhost-sendmail-14.eml']);
    for (const file of humanFiles) {
      const parsed = await parseMail(await readFile(file), { ownAddresses: [testInbox], envelopeSender: 'relay@example.org' });
      expect(parsed.facts.automatic, path.basename(file)).toBeNull();
    }
  });

  it('tells the kinds apart: delivery reports link to their ticket, complaints and receipts do not', async () => {
    const kindOf = async (name: string) => (await parseMail(await readFile(path.join(corpus, 'bsd', name)), { ownAddresses: [testInbox] })).facts;
    expect((await kindOf('lhost-postfix-01.eml')).automatic).toBe('bounce');
    expect((await kindOf('lhost-dragonfly-02.eml')).automatic).toBe('bounce');
    expect((await kindOf('lhost-dragonfly-02.eml')).bouncedMessageIds).toContain('<66681300.e06d1.6964aaf9@df.example.jp>');
    expect((await kindOf('arf-22.eml')).automatic).toBe('report');
    expect((await kindOf('rfc3834-01.eml')).automatic).toBe('auto_reply');
  });
});

describe('machine mail decided without the MIME parser (the intake short-cut)', () => {
  it('drops exactly the mails the full reading drops, with the same ids, over every mail of the fixtures', { timeout: 120_000 }, async () => {
    const mailFixtures = path.join(projectRoot, 'test/fixtures/mail');
    const files = (await readdir(mailFixtures, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && /\.(eml|txt)$/.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
    expect(files.length).toBeGreaterThan(600);
    const disagreements: string[] = [];
    let dropped = 0;
    for (const file of files) {
      const raw = await readFile(file);
      // With no envelope known (IMAP) and with the null sender of a relayed bounce.
      for (const envelopeSender of [undefined, '']) {
        const options = { ownAddresses: [testInbox], envelopeSender };
        const quick = readDroppedMachineMail(raw, options);
        const { facts } = (await readMail(raw, options)).parsed;
        const isDropped = facts.automatic !== null && facts.automatic !== 'auto_reply';
        if (quick) dropped += 1;
        const same = quick === null ? !isDropped : isDropped && quick.facts.automatic === facts.automatic && quick.facts.messageId === facts.messageId && quick.facts.bouncedMessageIds.join() === facts.bouncedMessageIds.join();
        if (!same) disagreements.push(`${path.relative(mailFixtures, file)} (envelope ${JSON.stringify(envelopeSender)}): ${quick?.facts.automatic ?? 'kept'} / ${facts.automatic}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(dropped).toBeGreaterThan(1200);
  });
});

describe('machine mail over the real SMTP intake', () => {
  const running = useMailService();

  it('opens no ticket and sends no mail for any report of the corpus delivered with a null envelope sender', { timeout: 240_000 }, async () => {
    const { service, sink, sender } = running();
    const prisma = service.database.prisma;
    const ticketsBefore = await prisma.ticket.count();
    const mailsBefore = sink.received.length;
    const files = await machineFiles();
    for (const file of files) await sender.sendMail({ envelope: { from: '', to: [testInbox] }, raw: await readFile(file) });
    await service.deliverOutboxNow();
    expect(await prisma.ticket.count()).toBe(ticketsBefore);
    expect(sink.received.length).toBe(mailsBefore);
    // Each distinct Message-ID is recorded once, with its reason (many corpus files share one).
    const messageIds = new Set(await Promise.all(files.map(async (file) => (await parseMail(await readFile(file), { ownAddresses: [testInbox] })).facts.messageId)));
    expect(await prisma.processedInboundMessage.count({ where: { channel: 'email', droppedReason: { not: null } } })).toBe(messageIds.size);
    expect(await prisma.processedInboundMessage.count({ where: { channel: 'email', droppedReason: null } })).toBe(0);

    // The same intake still hears people: the corpus's two human mails each open one ticket.
    for (const file of humanFiles) await sender.sendMail({ envelope: { from: 'kijitora@example.jp', to: [testInbox] }, raw: await readFile(file) });
    expect(await prisma.ticket.count()).toBe(ticketsBefore + 2);
  });
});
