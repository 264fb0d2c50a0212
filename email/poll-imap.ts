import type { ImapFlow } from 'imapflow';
import type { Logger } from '../logger.ts';

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  /** Password, or an OAuth2 access token (XOAUTH2, e.g. Exchange Online). */
  password?: string;
  accessToken?: string;
  mailbox: string;
  processedFolder: string;
}

export interface MailboxPosition {
  load(mailbox: string): Promise<{ uidValidity: string; lastUid: number } | null>;
  save(mailbox: string, uidValidity: string, lastUid: number): Promise<void>;
}

/** The IMAP client; imapflow is loaded only by a service that polls a mailbox. */
async function createClient(settings: ImapSettings): Promise<ImapFlow> {
  const { ImapFlow } = await import('imapflow');
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.accessToken ? { user: settings.user, accessToken: settings.accessToken } : { user: settings.user, pass: settings.password ?? '' },
    logger: false,
    maxIdleTime: 60_000,
  });
}

/**
 * One pass over the mailbox: every message after the last processed UID is handed over, and only
 * once `ingest` resolves (the ticket is committed) is it flagged \Seen and moved to the processed
 * folder. A failure stops the pass; the message stays unseen and is tried again next pass. A new
 * UIDVALIDITY rescans the mailbox (Message-ID dedupe prevents duplicates).
 */
export async function processMailbox(client: ImapFlow, { settings, position, ingest, logger }: { settings: ImapSettings; position: MailboxPosition; ingest: (raw: Buffer) => Promise<unknown>; logger: Logger }): Promise<number> {
  const lock = await client.getMailboxLock(settings.mailbox);
  let processed = 0;
  try {
    const status = client.mailbox === false ? undefined : client.mailbox;
    const uidValidity = String(status?.uidValidity ?? '');
    const stored = await position.load(settings.mailbox);
    const lastUid = stored && stored.uidValidity === uidValidity ? stored.lastUid : 0;
    const uids = ((await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || []).filter((uid) => uid > lastUid).sort((left, right) => left - right);
    for (const uid of uids) {
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!message || !message.source) continue;
      await ingest(message.source);
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      await client.messageMove(String(uid), settings.processedFolder, { uid: true });
      await position.save(settings.mailbox, uidValidity, uid);
      processed += 1;
    }
  } catch (error) {
    logger.error({ err: error }, 'imap pass stopped; unprocessed mail stays in the inbox');
  } finally {
    lock.release();
  }
  return processed;
}

async function ensureFolder(client: ImapFlow, folder: string): Promise<void> {
  const folders = await client.list();
  if (!folders.some((entry) => entry.path === folder)) await client.mailboxCreate(folder);
}

/** A single pass with its own connection (`schulit mail poll`, tests). */
export async function pollMailboxOnce(options: { settings: ImapSettings; position: MailboxPosition; ingest: (raw: Buffer) => Promise<unknown>; logger: Logger }): Promise<number> {
  const client = await createClient(options.settings);
  await client.connect();
  try {
    await ensureFolder(client, options.settings.processedFolder);
    return await processMailbox(client, options);
  } finally {
    await client.logout().catch(() => undefined);
  }
}

/**
 * Watches the mailbox: IDLE for new mail, with a pass at least every `pollIntervalMs` as a
 * fallback, and reconnects after errors.
 */
export function watchMailbox(options: { settings: ImapSettings; position: MailboxPosition; ingest: (raw: Buffer) => Promise<unknown>; logger: Logger; pollIntervalMs?: number }): { stop(): Promise<void> } {
  let isStopped = false;
  let client: ImapFlow | undefined;
  const pollIntervalMs = options.pollIntervalMs ?? 60_000;
  const loop = (async () => {
    while (!isStopped) {
      try {
        client = await createClient(options.settings);
        let hasNews = true;
        client.on('exists', () => {
          hasNews = true;
        });
        await client.connect();
        await ensureFolder(client, options.settings.processedFolder);
        while (!isStopped && client.usable) {
          if (hasNews) {
            hasNews = false;
            await processMailbox(client, options);
          }
          await Promise.race([client.idle(), new Promise((resolve) => setTimeout(resolve, pollIntervalMs).unref())]);
          hasNews = true;
        }
      } catch (error) {
        options.logger.warn({ err: error }, 'imap connection lost; reconnecting');
      }
      await client?.logout().catch(() => undefined);
      if (!isStopped) await new Promise((resolve) => setTimeout(resolve, 5000).unref());
    }
  })();
  return {
    async stop() {
      isStopped = true;
      await client?.logout().catch(() => undefined);
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    },
  };
}
