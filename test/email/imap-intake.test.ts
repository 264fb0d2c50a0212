import { existsSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { pollMailboxOnce, type ImapSettings } from '../../email/poll-imap.ts';
import { createLogger } from '../../logger.ts';
import { startService, type RunningService } from '../../service/start-service.ts';
import { loadMailboxState, saveMailboxState } from '../../tickets/index.ts';
import { dovecotBinary, startDovecot } from '../helpers/dovecot.ts';
import { temporaryDirectory } from '../helpers/processes.ts';

// .ci/run installs dovecot-imapd; a developer machine without it skips this file with a notice.
const hasDovecot = existsSync(dovecotBinary);
if (!hasDovecot) process.stdout.write('IMAP-Tests übersprungen: dovecot-imapd ist nicht installiert (apt-get install dovecot-imapd)\n');

describe.runIf(hasDovecot)('IMAP intake against a real Dovecot', () => {
  let dovecot: Awaited<ReturnType<typeof startDovecot>>;
  let service: RunningService;
  let settings: ImapSettings;
  const logger = createLogger({ level: 'silent' });

  beforeAll(async () => {
    dovecot = await startDovecot({ user: 'schul-it@ego-mv.example', password: 'geheim' });
    settings = { host: '127.0.0.1', port: dovecot.port, secure: false, user: 'schul-it@ego-mv.example', password: 'geheim', mailbox: 'INBOX', processedFolder: 'Processed' };
    service = await startService({ config: loadConfig({ DATA_DIR: await temporaryDirectory(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', MAIL_FROM: 'Schul-IT <schul-it@ego-mv.example>' }), logger });
  }, 60_000);
  afterAll(async () => {
    await service?.close();
    await dovecot?.stop();
  });

  async function withClient<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: settings.user, pass: 'geheim' }, logger: false });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  }

  const mail = (id: string, subject: string) =>
    [`From: Amt Beispiel <${id}@amt.example>`, 'To: schul-it@ego-mv.example', `Subject: ${subject}`, `Message-ID: <${id}@amt.example>`, 'Content-Type: text/plain; charset=utf-8', '', 'Bitte senden Sie uns die Unterlagen zum Mittelabruf.'].join('\r\n');

  const position = () => {
    const prisma = service.database.prisma;
    return { load: (mailbox: string) => loadMailboxState({ prisma, mailbox }), save: (mailbox: string, uidValidity: string, lastUid: number) => saveMailboxState({ prisma, mailbox, uidValidity, lastUid }) };
  };

  it('makes one ticket per message, then marks it seen and moves it, and ignores a second copy', async () => {
    await withClient(async (client) => {
      await client.append('INBOX', mail('erste', 'Mittelabruf'));
      await client.append('INBOX', mail('erste', 'Mittelabruf'));
    });
    const processed = await pollMailboxOnce({ settings, position: position(), ingest: service.ingestMail, logger });
    expect(processed).toBe(2);
    expect(await service.database.prisma.ticket.count({ where: { requesterEmail: 'erste@amt.example' } })).toBe(1);
    const state = await withClient(async (client) => {
      const inbox = (await client.status('INBOX', { messages: true })) as { messages?: number };
      const done = (await client.status('Processed', { messages: true, unseen: true })) as { messages?: number; unseen?: number };
      return { inbox: inbox.messages, processed: done.messages, unseen: done.unseen };
    });
    expect(state).toEqual({ inbox: 0, processed: 2, unseen: 0 });
  });

  it('processes a mail exactly once when the process dies between parsing and commit', async () => {
    await withClient((client) => client.append('INBOX', mail('absturz', 'Verwendungsnachweis')));
    let attempts = 0;
    const dying = async (raw: Buffer) => {
      attempts += 1;
      if (attempts === 1) throw new Error('killed before commit');
      return service.ingestMail(raw);
    };
    expect(await pollMailboxOnce({ settings, position: position(), ingest: dying, logger })).toBe(0);
    expect(await withClient(async (client) => (await client.status('INBOX', { messages: true, unseen: true })))).toMatchObject({ messages: 1, unseen: 1 });
    expect(await pollMailboxOnce({ settings, position: position(), ingest: dying, logger })).toBe(1);
    expect(await service.database.prisma.ticket.count({ where: { requesterEmail: 'absturz@amt.example' } })).toBe(1);
  });
});
