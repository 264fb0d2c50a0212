import type { Config } from '../config.ts';
import { addressOf, createEmailChannel } from '../email/create-email-channel.ts';
import type { Engine } from '../handlers/create-engine.ts';
import type { MailSettings } from '../handlers/engine-deps.ts';
import { watchMailbox } from '../email/poll-imap.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../prisma/client.ts';
import { loadMailboxState, saveMailboxState } from '../tickets/index.ts';
import { attachmentsDirectoryOf } from './privacy-settings.ts';

/** How the engine writes mail, from the configuration: our address, our Message-ID domain, the daily cap. */
export function mailSettingsOf(config: Config): MailSettings {
  const ownAddress = addressOf(config.MAIL_FROM);
  return { ownAddress, messageIdDomain: ownAddress.split('@')[1] || 'schulit.invalid', autoRepliesPerDay: config.MAIL_AUTO_REPLIES_PER_DAY };
}

/**
 * The email channel over the engine, configured the same way for the server (SMTP listener, IMAP)
 * and the CLI (pipe delivery, one IMAP pass): the same recipients, attachment limits and engine.
 */
export function createEmailIntake({ config, engine, logger }: { config: Config; engine: Pick<Engine, 'handleMessage'>; logger: Logger }) {
  const { ownAddress } = mailSettingsOf(config);
  return createEmailChannel({
    settings: {
      from: config.MAIL_FROM,
      smtpUrl: config.SMTP_URL,
      inboundPort: config.MAIL_INBOUND_SMTP_PORT,
      inboundHost: config.MAIL_INBOUND_HOST,
      inboundAddresses: (config.MAIL_INBOUND_ADDRESSES ?? ownAddress).split(',').map((address) => address.trim().toLowerCase()).filter(Boolean),
      maxMessageBytes: config.MAIL_MAX_BYTES,
      maxClients: config.MAIL_INBOUND_MAX_CLIENTS,
      socketTimeoutMs: config.MAIL_INBOUND_SOCKET_TIMEOUT_MS,
      allowedRelayIps: (config.MAIL_INBOUND_ALLOWED_IPS ?? '').split(',').map((ip) => ip.trim()).filter(Boolean),
      parseTimeoutMs: config.MAIL_PARSE_TIMEOUT_MS,
      trustedAuthservIds: (config.MAIL_TRUSTED_AUTHSERV_ID ?? '').split(',').map((id) => id.trim()).filter(Boolean),
      attachments: { directory: attachmentsDirectoryOf(config), maxAttachmentBytes: config.MAIL_MAX_ATTACHMENT_BYTES, maxAttachments: config.MAIL_MAX_ATTACHMENTS },
    },
    engine,
    logger,
  });
}

/** The IMAP connection settings, when a mailbox is configured. */
export function imapSettingsOf(config: Config) {
  if (!config.IMAP_HOST || !config.IMAP_USER) return undefined;
  return {
    host: config.IMAP_HOST,
    port: config.IMAP_PORT,
    secure: config.IMAP_SECURE,
    user: config.IMAP_USER,
    password: config.IMAP_PASSWORD,
    accessToken: config.IMAP_ACCESS_TOKEN,
    mailbox: config.IMAP_MAILBOX,
    processedFolder: config.IMAP_PROCESSED_FOLDER,
  };
}

/**
 * Starts what the configuration asks for: the inbound SMTP listener (MTA relay) and the IMAP
 * watcher, both feeding the same intake; `close()` stops both.
 */
export async function startMailIntake({ config, database, intake, logger }: { config: Config; database: Database; intake: ReturnType<typeof createEmailIntake>; logger: Logger }) {
  const listener = config.MAIL_INBOUND_SMTP_PORT !== undefined ? await intake.startListener() : undefined;
  if (listener) logger.info({ port: listener.port }, 'inbound SMTP listener ready');
  const imapSettings = imapSettingsOf(config);
  const position = {
    load: (mailbox: string) => loadMailboxState({ prisma: database.prisma, mailbox }),
    save: (mailbox: string, uidValidity: string, lastUid: number) => saveMailboxState({ prisma: database.prisma, mailbox, uidValidity, lastUid }),
  };
  const watcher = imapSettings ? watchMailbox({ settings: imapSettings, position, ingest: intake.ingest, logger, pollIntervalMs: config.IMAP_POLL_SECONDS * 1000 }) : undefined;
  return {
    port: listener?.port,
    async close() {
      await listener?.close();
      await watcher?.stop();
      await intake.close();
    },
  };
}
