import path from 'node:path';
import type { Config } from '../config.ts';
import { addressOf, createEmailChannel } from '../email/create-email-channel.ts';
import type { Engine } from '../handlers/create-engine.ts';
import type { MailSettings } from '../handlers/engine-deps.ts';
import type { Logger } from '../logger.ts';

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
      attachments: { directory: path.resolve(config.DATA_DIR, 'attachments'), maxAttachmentBytes: config.MAIL_MAX_ATTACHMENT_BYTES, maxAttachments: config.MAIL_MAX_ATTACHMENTS },
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
