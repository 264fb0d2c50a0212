import { createHash } from 'node:crypto';
import EmailReplyParser from 'email-reply-parser';
import type { Attachment, ParsedMail as ParsedMime } from 'mailparser';
import type { MailFacts } from '../handlers/types.ts';
import { detectMachineMail, textWindow, type MailOrigin } from './detect-machine-mail.ts';
import { isDroppedMachineMail } from '../handlers/dropped-machine-mail.ts';
import { readAuthenticationResults } from './read-authentication-results.ts';
import { storeAttachments, type AttachmentStorage } from './store-attachments.ts';
import { lazily } from '../load-lazily.ts';

// Through require (lazily): on Node 20, import() of this CommonJS package took 235-265 ms, require
// 160-175 ms, and a new parser process starts with the first mails of a burst waiting for it.
const mailparser = lazily<typeof import('mailparser')>('mailparser');

/** German reply headers email-reply-parser does not know, and the Outlook header block. */
const quoteStarts = [
  /^-{2,}\s*(ursprüngliche nachricht|original message|weitergeleitete nachricht)\s*-{2,}/im,
  /^_{10,}\s*$/m,
  /^(von|from):\s.+\n(gesendet|sent|datum|date):\s/im,
  /^am .{5,80}(schrieb|wrote)[^\n]*:?\s*$/im,
  /^(gesendet von|von meinem) .{0,40}(iphone|ipad|android|outlook)/im,
];

/**
 * How much of a body goes through quote and signature stripping. email-reply-parser's patterns
 * are not linear (a hostile body of blank lines or one endless line costs time with the square of
 * its length); a person's new text sits at the top, and the full text is stored unchanged.
 */
export const quoteStripWindow = 32 * 1024;

/** The new part of a reply: email-reply-parser first, then the German/Outlook patterns, on the first `quoteStripWindow` characters. */
export function stripQuotedText(fullText: string): string {
  const text = fullText.length > quoteStripWindow ? fullText.slice(0, quoteStripWindow) : fullText;
  let visible = new EmailReplyParser().read(text.replace(/\r\n/g, '\n')).getVisibleText();
  for (const pattern of quoteStarts) {
    const match = pattern.exec(visible);
    if (match && match.index > 0) visible = visible.slice(0, match.index);
  }
  visible = visible.trim();
  return visible.length > 0 ? visible : text.trim();
}

const parserOptions = { skipImageLinks: true, skipTextToHtml: true } as const;
const maxHeaderFieldLength = 8 * 1024;
const maxHeaderBlockLength = 256 * 1024;

/**
 * mailparser refuses some hostile mail outright (a header block over 1 MB). Throwing would make
 * the relaying MTA retry the same message forever (451) and stall the IMAP intake, so the mail is
 * parsed again with its top-level header fields cut to what a mail server would pass on
 * (Postfix: 100 KB), and, failing that, taken as plain text: it still becomes a ticket.
 */
async function parseLeniently(source: Buffer): Promise<ParsedMime> {
  // mailparser loads with the first mail (in the parsing worker), not with the service.
  const { simpleParser } = mailparser();
  try {
    return await simpleParser(source, parserOptions);
  } catch {
    const trimmed = trimHeaderBlock(source);
    try {
      return await simpleParser(trimmed, parserOptions);
    } catch {
      const text = trimmed.toString('latin1');
      const headEnd = text.search(/\r?\n\r?\n/);
      const head = headEnd >= 0 ? text.slice(0, headEnd) : '';
      const kept = head.split(/\r?\n(?![ \t])/).filter((field) => /^(from|to|cc|subject|message-id|in-reply-to|references|date|auto-submitted|precedence|x-loop):/i.test(field));
      const body = (headEnd >= 0 ? text.slice(headEnd) : text).slice(0, 200_000).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
      const plain = Buffer.concat([Buffer.from(`${kept.join('\r\n')}\r\nContent-Type: text/plain; charset=latin1\r\n\r\n`, 'latin1'), Buffer.from(body, 'latin1')]);
      return simpleParser(plain, parserOptions);
    }
  }
}

/** The top-level header block with every field and the whole block bounded; the body untouched. */
function trimHeaderBlock(source: Buffer): Buffer {
  const text = source.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = end >= 0 ? text.slice(0, end) : text.slice(0, maxHeaderBlockLength);
  const body = end >= 0 ? source.subarray(Buffer.byteLength(head, 'latin1')) : Buffer.from('\r\n\r\n');
  let budget = maxHeaderBlockLength;
  const fields: string[] = [];
  for (const field of head.split(/\r?\n(?![ \t])/)) {
    const bounded = field.length > maxHeaderFieldLength ? field.slice(0, maxHeaderFieldLength) : field;
    if (bounded.length > budget) break;
    budget -= bounded.length;
    fields.push(bounded);
  }
  return Buffer.concat([Buffer.from(fields.join('\r\n'), 'latin1'), body]);
}

/** The top-level header fields as sent (unfolded, first occurrence), and every part's content type. */
function originOf(mail: ParsedMime, source: Buffer, envelopeSender: string | undefined): MailOrigin {
  const fields = new Map<string, string>();
  for (const { key, line } of mail.headerLines) {
    if (!fields.has(key)) fields.set(key, line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  // Part types are read from the source (bounded), so report parts nested in attached mails count too.
  const head = source.subarray(0, 512 * 1024).toString('latin1');
  const partTypes = [...head.matchAll(/^content-type:[ \t]*([\w.+-]+\/[\w.+-]+)/gim)].map((match) => match[1]!.toLowerCase());
  return {
    envelopeSender,
    header: (name) => fields.get(name),
    fromAddress: mail.from?.value[0]?.address ?? '',
    fromName: mail.from?.value[0]?.name ?? '',
    subject: mail.subject ?? '',
    partTypes,
    text: (mail.text ?? '').slice(0, textWindow),
  };
}

/** A parsed mail: its sender, its new text, and the facts the engine's mail policy decides on. */
export interface ParsedMail {
  from: { address: string; name?: string };
  /** The new text, without quoted history and signature. */
  text: string;
  facts: MailFacts;
}

/** An attachment's bytes and what the mail says about them, before storage. */
export type AttachmentContent = Pick<Attachment, 'content' | 'filename' | 'contentType' | 'size'>;

/** A mail read (MIME, detection, quote stripping) with its attachments' bytes, not yet stored. */
export interface ReadMail {
  parsed: ParsedMail;
  attachments: AttachmentContent[];
}

/** Parses a raw RFC 5322 message (charsets, encoded words and HTML-only bodies via mailparser). */
export async function parseMail(raw: Buffer, { attachments, ...options }: MailReadOptions & { attachments?: AttachmentStorage }): Promise<ParsedMail> {
  return withStoredAttachments(await readMail(raw, options), attachments);
}

/** Stores a read mail's attachments (none of a delivery report's) and lists them on its facts. */
export async function withStoredAttachments({ parsed, attachments }: ReadMail, storage: AttachmentStorage | undefined): Promise<ParsedMail> {
  const stored = parsed.facts.automatic === 'bounce' ? [] : await storeAttachments(attachments, storage);
  return { ...parsed, facts: { ...parsed.facts, attachments: stored.map((attachment) => ({ ...attachment, name: withoutNul(attachment.name), contentType: withoutNul(attachment.contentType) })) } };
}

export interface MailReadOptions {
  ownAddresses: string[];
  /** The SMTP reverse-path (`''` for `<>`), where the transport knows it. */
  envelopeSender?: string;
  /** authserv-ids of our own relay, whose Authentication-Results count. */
  trustedAuthservIds?: string[];
}

/** Reads a raw message without touching the disk (what the worker process does). */
export async function readMail(raw: Buffer, { ownAddresses, envelopeSender, trustedAuthservIds = [] }: MailReadOptions): Promise<ReadMail> {
  // An mbox "From " separator line (as in some fixtures and pipe deliveries) is not a header.
  const source = raw.subarray(0, 5).toString() === 'From ' ? raw.subarray(raw.indexOf(10) + 1) : raw;
  const mail = await parseLeniently(source);
  const fullText = (mail.text ?? '').trim();
  const references = Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [];
  const sender = mail.from?.value[0];
  const { kind, isOutOfOffice, signals } = detectMachineMail(originOf(mail, source, envelopeSender), ownAddresses.map((address) => address.toLowerCase()));
  // Without a Message-ID, the content itself is the identity: the same mail redelivered dedupes,
  // two different mails never do.
  const messageId = mail.messageId ?? `<generated-${createHash('sha256').update(source).digest('base64url').slice(0, 32)}@schulit.invalid>`;
  // A delivery report quotes the headers of the failed mail; its Message-ID says which one.
  const bouncedMessageIds = kind === 'bounce' ? bouncedMessageIdsOf(source, messageId) : [];
  // PostgreSQL refuses NUL in text and jsonb: one such byte would make the mail fail for ever.
  const parsed: ParsedMail = {
    from: { address: withoutNul(sender?.address ?? '').toLowerCase(), name: sender?.name ? withoutNul(sender.name) : undefined },
    text: withoutNul(stripQuotedText(fullText)),
    facts: {
      messageId: withoutNul(messageId),
      bouncedMessageIds,
      inReplyTo: mail.inReplyTo ? withoutNul(mail.inReplyTo) : undefined,
      references: references.map(withoutNul),
      subject: withoutNul(mail.subject ?? '').trim(),
      fullText: withoutNul(fullText),
      automatic: kind,
      machineSignals: signals.map(withoutNul),
      isOutOfOffice,
      attachments: [],
      senderAuthentication: readAuthenticationResults(
        mail.headerLines.filter((line) => line.key === 'authentication-results').map((line) => line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ')),
        trustedAuthservIds,
      ),
    },
  };
  return { parsed, attachments: mail.attachments.map(({ content, filename, contentType, size }) => ({ content, filename, contentType, size })) };
}

// mailparser may hand over a non-string where a header is duplicated or damaged.
const withoutNul = (value: unknown): string => String(value).replaceAll('\u0000', '');

/** How much of a mail's body the MIME-less reading keeps as its text. */
const rawTextWindow = 64 * 1024;

/**
 * A mail read without a MIME parser, for one that hit the parser's time or memory limit: header
 * fields from the top, the body as raw text (bounded), the same machine-mail detection. Linear in
 * the mail's size, so it cannot stall; the mail still becomes a ticket, with a note saying why
 * its text looks raw.
 */
export function parseWithoutMime(raw: Buffer, options: MailReadOptions & { note: string }): ParsedMail {
  const { parsed } = readWithoutMime(raw, options);
  const shown = `${parsed.text}\n\n[Hinweis für das Sachgebiet: ${options.note}; der Text ist die Rohfassung der Mail.]`;
  return { ...parsed, text: withoutNul(shown), facts: { ...parsed.facts, bouncedMessageIds: [], fullText: withoutNul(shown) } };
}

/**
 * Machine mail that the mail policy drops (bounces, reports, lists, loops; not auto-replies, which
 * may continue a case) as the MIME-less reading sees it, or null for everything else. Linear in the
 * mail's size and bounded, so the intake decides such mail on its own thread without the parser
 * process: the sisimai corpus went through the parser process at 96-105 mails/s.
 */
export function readDroppedMachineMail(raw: Buffer, options: MailReadOptions): ParsedMail | null {
  const { parsed, source } = readWithoutMime(raw, options);
  const kind = parsed.facts.automatic;
  if (!isDroppedMachineMail(kind)) return null;
  return { ...parsed, facts: { ...parsed.facts, bouncedMessageIds: kind === 'bounce' ? bouncedMessageIdsOf(source, parsed.facts.messageId) : [] } };
}

/** A delivery report quotes the headers of the failed mail; their Message-IDs say which one. */
function bouncedMessageIdsOf(source: Buffer, messageId: string): string[] {
  const quoted = [...source.subarray(0, 1024 * 1024).toString('latin1').matchAll(/^Message-ID:\s*(<[^>\s]+>)/gim)].map((match) => match[1]!);
  return [...new Set(quoted)].filter((id) => id !== messageId).map(withoutNul);
}

/** Header fields from the top, the body as raw text (bounded), the machine-mail verdict: no MIME parser. */
function readWithoutMime(raw: Buffer, { ownAddresses, envelopeSender, trustedAuthservIds = [] }: MailReadOptions): { parsed: ParsedMail; source: Buffer } {
  const source = raw.subarray(0, 5).toString() === 'From ' ? raw.subarray(raw.indexOf(10) + 1) : raw;
  const text = source.subarray(0, maxHeaderBlockLength + rawTextWindow).toString('utf8');
  const headEnd = text.search(/\r?\n\r?\n/);
  const head = headEnd >= 0 ? text.slice(0, headEnd) : '';
  const fields = new Map<string, string>();
  for (const field of head.split(/\r?\n(?![ \t])/)) {
    const colon = field.indexOf(':');
    const key = field.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && !fields.has(key)) fields.set(key, field.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim().slice(0, maxHeaderFieldLength));
  }
  const fromField = fields.get('from') ?? '';
  const address = (/<([^<>\s]+@[^<>\s]+)>/.exec(fromField)?.[1] ?? /[^\s<>"]+@[^\s<>"]+/.exec(fromField)?.[0] ?? '').toLowerCase();
  const name = fromField.includes('<') ? fromField.slice(0, fromField.indexOf('<')).replace(/"/g, '').trim() : '';
  const body = (headEnd >= 0 ? text.slice(headEnd) : text).slice(0, rawTextWindow).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ').trim();
  const subject = fields.get('subject') ?? '';
  const partTypes = [...head.matchAll(/^content-type:[ \t]*([\w.+-]+\/[\w.+-]+)/gim), ...body.matchAll(/^content-type:[ \t]*([\w.+-]+\/[\w.+-]+)/gim)].map((match) => match[1]!.toLowerCase());
  const verdict = detectMachineMail({ envelopeSender, header: (key) => fields.get(key), fromAddress: address, fromName: name, subject, partTypes, text: body }, ownAddresses.map((own) => own.toLowerCase()));
  // As mailparser reads it: the id in angle brackets, or a bare one given its brackets.
  const idField = fields.get('message-id')?.trim() ?? '';
  const messageId = /<[^<>\s]+>/.exec(idField)?.[0] ?? (/^[^\s<>]+$/.test(idField) ? `<${idField}>` : undefined) ?? `<generated-${createHash('sha256').update(source).digest('base64url').slice(0, 32)}@schulit.invalid>`;
  const references = (fields.get('references') ?? '').match(/<[^<>\s]+>/g) ?? [];
  const parsed: ParsedMail = {
    from: { address: withoutNul(address), name: name ? withoutNul(name) : undefined },
    text: withoutNul(body),
    facts: {
      messageId: withoutNul(messageId),
      bouncedMessageIds: [],
      inReplyTo: /<[^<>\s]+>/.exec(fields.get('in-reply-to') ?? '')?.[0],
      references: references.map(withoutNul),
      subject: withoutNul(subject),
      fullText: withoutNul(body),
      automatic: verdict.kind,
      machineSignals: verdict.signals.map(withoutNul),
      isOutOfOffice: verdict.isOutOfOffice,
      attachments: [],
      senderAuthentication: readAuthenticationResults(fields.has('authentication-results') ? [fields.get('authentication-results')!] : [], trustedAuthservIds),
    },
  };
  return { parsed, source };
}
