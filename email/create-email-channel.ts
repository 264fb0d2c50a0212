import type { Transporter } from 'nodemailer';
import type { SMTPServerDataStream } from 'smtp-server';
import type { Logger } from '../logger.ts';
import type { Engine } from '../handlers/create-engine.ts';
import type { InboundMessage, MailOutcome } from '../handlers/types.ts';
import type { ParsedMail } from './parse-mail.ts';
import { createOffThreadParser } from './parse-mail-off-thread.ts';
import { buildInvitation, type Invitation } from './build-invitation.ts';
import type { AttachmentStorage } from './store-attachments.ts';

export interface EmailSettings {
  /** Our sender, e.g. "Schul-IT Assistent <schul-it@ego-mv.example>". */
  from: string;
  smtpUrl?: string;
  inboundPort?: number;
  inboundHost: string;
  /** Recipients the listener accepts (lower case). */
  inboundAddresses: string[];
  maxMessageBytes: number;
  /** Concurrent SMTP connections, idle time before one is closed, and the relays allowed to connect (empty = any). */
  maxClients: number;
  socketTimeoutMs: number;
  allowedRelayIps: string[];
  /** Where attachments are stored, and their limits; unset = attachments are listed, not stored. */
  attachments?: AttachmentStorage;
  /** authserv-ids of our relay whose Authentication-Results count (empty = sender authenticity unchecked). */
  trustedAuthservIds: string[];
  /** Time limit for reading one mail (MIME, detection, quote stripping) in the worker process. */
  parseTimeoutMs: number;
}

/** The engine as the mail channel uses it; `handleMessage` resolves only after the ticket is committed. */
export type MailEngine = Pick<Engine, 'handleMessage'>;

/** A parsed mail as the engine reads it: channel `email`, the new text, the mail's facts. */
export function toInboundMessage(parsed: ParsedMail): InboundMessage {
  return {
    channel: 'email',
    // The From address counts as the sender's unless our relay reported a failed sender check.
    sender: { email: parsed.from.address || undefined, name: parsed.from.name, isProven: parsed.facts.senderAuthentication !== 'fail' },
    conversationKey: parsed.facts.messageId,
    text: parsed.text,
    externalId: parsed.facts.messageId,
    mail: parsed.facts,
  };
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => htmlEscapes[character]!);

/**
 * Our plain text as HTML: every character escaped (`& < > " '`), links made clickable only for
 * http(s) addresses, the address escaped in the attribute as in the text.
 */
export function textToHtml(text: string): string {
  const parts = text.split(/(https?:\/\/[^\s<>"']+)/g);
  const body = parts.map((part, index) => (index % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part))).join('');
  return `<div style="font-family:sans-serif;white-space:pre-wrap">${body}</div>`;
}

export function addressOf(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
}

/**
 * The email channel: an inbound SMTP listener for MTA relay (recipient allow-list, size limit,
 * 451 on a temporary failure so the MTA retries), parsing for pipe delivery, and sending through
 * nodemailer for the outbox.
 */
export function createEmailChannel({ settings, engine, logger }: { settings: EmailSettings; engine: MailEngine; logger: Logger }) {
  const ownAddresses = [addressOf(settings.from), ...settings.inboundAddresses];
  // nodemailer and smtp-server load when they are first needed (a start without mail loads neither).
  let transport: Promise<Transporter> | undefined;
  const smtpUrl = settings.smtpUrl;
  const transportOf = (url: string) =>
    (transport ??= import('nodemailer')
      .then(({ default: nodemailer }) => nodemailer.createTransport(url))
      .catch((error: unknown) => {
        // A failed load or a transport that cannot be built is tried again with the next mail (the outbox retries).
        transport = undefined;
        throw error;
      }));
  const parser = createOffThreadParser({ timeoutMs: settings.parseTimeoutMs, logger });

  /** One raw mail into the engine; `envelopeSender` is the SMTP reverse-path (`''` for `<>`) where the transport knows it. */
  async function ingest(raw: Buffer, envelope: { envelopeSender?: string } = {}): Promise<MailOutcome> {
    const mail = await parser.parse(raw, { ownAddresses, attachments: settings.attachments, envelopeSender: envelope.envelopeSender, trustedAuthservIds: settings.trustedAuthservIds });
    const unstored = mail.facts.attachments.filter((attachment) => !attachment.storedAt && /Speicher voll|nicht beschreibbar|Schreibfehler/.test(attachment.note ?? ''));
    // The mail still becomes a ticket (the note says what is missing); operators need to know the disk is the cause.
    if (unstored.length > 0) logger.warn({ count: unstored.length, directory: settings.attachments?.directory }, 'attachments not stored: attachment storage not writable or full');
    const handled = await engine.handleMessage(toInboundMessage(mail));
    // The engine reports an outcome for every message of the email channel; a missing one is a bug,
    // and an error here makes the listener answer 451 (the relay retries) instead of losing the mail.
    if (!handled.mail) throw new Error('engine returned no mail outcome for an email message');
    return handled.mail;
  }

  async function startListener(): Promise<{ port: number; close(): Promise<void> }> {
    const { SMTPServer } = await import('smtp-server');
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: settings.maxMessageBytes,
      maxClients: settings.maxClients,
      socketTimeout: settings.socketTimeoutMs,
      closeTimeout: 5_000,
      banner: 'Schul-IT Assistent',
      logger: false,
      onConnect(session, callback) {
        const ip = session.remoteAddress.replace(/^::ffff:/, '');
        if (settings.allowedRelayIps.length > 0 && !settings.allowedRelayIps.includes(ip)) {
          const error = new Error('Nicht zugelassener Absender-Server / relay not allowed') as Error & { responseCode: number };
          error.responseCode = 554;
          callback(error);
          return;
        }
        callback();
      },
      onRcptTo(address, _session, callback) {
        if (!settings.inboundAddresses.includes(address.address.toLowerCase())) {
          const error = new Error(`Empfänger ${address.address} ist hier nicht bekannt / unknown recipient`) as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        callback();
      },
      onData(stream: SMTPServerDataStream, session, callback) {
        // Buffer up to the limit only: beyond it the rest is read and discarded, so a huge DATA
        // stream sent without SIZE= costs no memory before it is refused with 552.
        const chunks: Buffer[] = [];
        let bytes = 0;
        stream.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes <= settings.maxMessageBytes) chunks.push(chunk);
          else chunks.length = 0;
        });
        stream.on('end', () => {
          if (stream.sizeExceeded || bytes > settings.maxMessageBytes) {
            const error = new Error('Nachricht zu groß / message too large') as Error & { responseCode: number };
            error.responseCode = 552;
            callback(error);
            return;
          }
          const mailFrom = session.envelope.mailFrom;
          ingest(Buffer.concat(chunks), { envelopeSender: mailFrom === false ? undefined : mailFrom.address }).then(
            () => callback(),
            (failure: unknown) => {
              logger.error({ err: failure }, 'inbound mail failed; the sender MTA will retry');
              const error = new Error('Vorübergehender Fehler, bitte später erneut / temporary failure') as Error & { responseCode: number };
              error.responseCode = 451;
              callback(error);
            },
          );
        });
      },
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.inboundPort ?? 0, settings.inboundHost, () => {
        const address = server.server.address();
        resolve({ port: typeof address === 'object' && address ? address.port : 0, close: () => new Promise<void>((done) => server.close(() => done())) });
      });
    });
  }

  /** Sends one queued mail (outbox kind "email"). Automatic mail is marked so it never loops. */
  async function send(payload: { to: string; subject: string; text: string; messageId: string; inReplyTo?: string; references?: string[]; isAutomatic: boolean; autoSubmitted?: 'auto-replied' | 'auto-generated'; invitation?: Omit<Invitation, 'organizer'> }): Promise<void> {
    if (!smtpUrl) throw new Error('SMTP_URL ist nicht gesetzt: E-Mail-Versand nicht eingerichtet');
    await (await transportOf(smtpUrl)).sendMail({
      from: settings.from,
      to: payload.to,
      subject: payload.subject,
      text: payload.text,
      html: textToHtml(payload.text),
      messageId: payload.messageId,
      inReplyTo: payload.inReplyTo,
      references: payload.references,
      ...(payload.invitation
        ? { icalEvent: { method: payload.invitation.method, filename: 'einladung.ics', content: await buildInvitation({ ...payload.invitation, organizer: { name: 'Sachgebiet Schul-IT', email: addressOf(settings.from) } }) } }
        : {}),
      // RFC 3834: acknowledgements are auto-replied, notices and invitations auto-generated; both
      // ask Exchange not to answer them. No Precedence: "bulk" gets invitations filtered as newsletters.
      headers: payload.autoSubmitted ? { 'Auto-Submitted': payload.autoSubmitted, 'X-Auto-Response-Suppress': 'All', 'X-Loop': addressOf(settings.from) } : {},
    });
  }

  return { ingest, startListener, send, isSending: Boolean(smtpUrl), close: () => parser.close() };
}

export type EmailChannel = ReturnType<typeof createEmailChannel>;
