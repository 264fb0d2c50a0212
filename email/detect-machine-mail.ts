import type { AutomaticMailKind } from '../handlers/types.ts';

/**
 * What a mail says about its origin, as the detector reads it: the envelope sender (SMTP MAIL FROM,
 * IMAP Return-Path, pipe delivery's sender), header fields (lower-case names), the From address and
 * display name, the subject, the MIME types of its parts and the beginning of its text.
 */
export interface MailOrigin {
  /** `''` for the null reverse-path `<>`; undefined when the transport did not say. */
  envelopeSender?: string;
  header(name: string): string | undefined;
  fromAddress: string;
  fromName: string;
  subject: string;
  /** Content types of the top level and of every part, lower case. */
  partTypes: string[];
  /** The first part of the text body (the detector reads no further than `textWindow`). */
  text: string;
}

export interface MachineMailVerdict {
  kind: AutomaticMailKind | null;
  /** A person's vacation notice (kept on a case, never answered). */
  isOutOfOffice: boolean;
  /** Which signals decided it, for the record and for tests. */
  signals: string[];
}

/** How much of the text body the detector reads; delivery reports say what they are near the top. */
export const textWindow = 16 * 1024;

// Mailbox names that only machines send from (RFC 2142 role accounts of mail systems and
// list/bounce handlers). Human role accounts such as "info@" or "it-admin@" are not in it.
const systemLocalPart = /^(mailer[-_]?daemon|mail[-_]?daemon|postmaster|post[-_]master|mail[-_]?delivery[-_]?(system|subsystem)?|mmdf|smtp[-_]?gateway|bounces?|bounce[-+].*|.*-bounces?(\+.*)?|owner-.+|.+-(owner|request)|listserv|majordomo|mailman|ezmlm|fetchmail-daemon|no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply[-+.].*|auto[-_]?reply|autoresponder)$/i;

// Display names of delivery systems ("Mail Delivery System", "MMSC NDR Administrator", "Mailer Daemon").
const systemDisplayName = /\b(mailer[-_ ]?daemon|postmaster|mail delivery (system|subsystem|service)|delivery status notification|ndr( administrator)?|mail administrator)\b/i;

// Report and delivery-status parts (RFC 3462/6522 reports, RFC 3464/6533 DSN, RFC 5965 ARF, RFC 8098 MDN).
const reportPartType = /^(message\/(global-)?delivery-status|message\/feedback-report|message\/(global-)?disposition-notification|text\/rfc822-headers|message\/global-headers)\b/;

// Subjects of delivery failures and warnings of the major MTAs and providers (English and German),
// mailing-list robots and complaint reports. Anchored at the start, after any reply/forward prefix.
const failureSubject = new RegExp(
  [
    'mail delivery (failed|failure|system)',
    'delivery (status notification|failure|failed|has failed|notification|report|status)',
    'failure notice',
    '(e-?mail |mail )?bounce (notification|message|report)',
    'undeliver(able|ed)( mail| message)?',
    'undelivered mail returned to sender',
    'returned mail',
    'returned to sender',
    'non[- ]?deliver(y|able)',
    'nondeliverable',
    'message (could not be delivered|not delivered|delivery failure)',
    'could not send (your )?message',
    'warning: (could not send|message .* delayed|delayed mail)',
    'delayed mail',
    'mail system error',
    'mail could not be delivered',
    'error sending message',
    'sender address rejected',
    'rejected: ',
    'unzustellbar',
    'nicht zustellbar',
    'nicht zugestellt',
    'zustellung (fehlgeschlagen|verzögert|gescheitert)',
    'benachrichtigung zum übermittlungsstatus',
    'übermittlungsstatus',
    'fehler bei der (e-mail-)?zustellung',
    'complaint about message from',
    'abuse report',
    'loop alert',
    'you .{1,120} are not (a )?member',
    'not a member of',
    'your message .{0,60}(rejected|blocked|quarantined|held|awaits moderator)',
    'post(ing)? (rejected|held)',
    'automatically rejected mail',
    'mail quota (warning|exceeded)',
    'mailbox (full|quota)',
  ].join('|'),
  'i',
);
const replyOrForwardPrefix = /^\s*((re|aw|wg|fw|fwd|antw|sv|vs|tr)\s*(\[\d+\])?\s*:\s*)*/i;

// Sentences and fields that appear in delivery reports and in nothing people write to us.
const failureText = [
  /^(final-recipient|original-recipient|diagnostic-code|reporting-mta|remote-mta|action|status|arrival-date|x-postfix-queue-id):\s*\S/im,
  /this is the mail system at host/i,
  /this is the (qmail-send|dragonfly mail agent|mail delivery) (program|agent|system)/i,
  /this message was created automatically by mail delivery software/i,
  /i'?m (sorry|afraid) (to have to inform you|i wasn'?t able to deliver)/i,
  /(message|mail) could not be delivered to (one or more|the following|some)/i,
  /delivery to the following recipients? (failed|has been delayed|was delayed)/i,
  /the following (addresses|recipients?) (had|failed|could not)/i,
  /---\s*the following addresses had (permanent fatal|delivery) errors\s*---/i,
  /your message (did not reach|could not be delivered|wasn'?t delivered|was not delivered|has been blocked|was rejected)/i,
  /(could not be delivered|was not delivered|undeliverable) to (the following|one or more)/i,
  /(konnte|kann) nicht (an (den|die|alle) empfänger )?zugestellt werden/i,
  /die (e-mail|nachricht) (an .{1,80} )?(konnte|wurde) nicht zugestellt/i,
  /\b[45]\d\d[ -]#?[45]\.\d{1,3}\.\d{1,3}\b/,
  /\b(550|551|552|553|554)\b.{0,80}(user unknown|unknown user|no such user|mailbox (unavailable|not found|full|does not exist)|does not exist|rejected|relay)/i,
  /^error: (invalid user address|no such user|mailbox)/im,
  /message headers follow/i,
  /original message (headers|follows)/i,
];

const outOfOfficeSubject = /(abwesenheit|abwesend|au(ß|ss)er haus|nicht im (büro|buero|haus|dienst)|out of (the )?office|automatische antwort|auto(matic)?[ -]?reply|autoreply|away until|on vacation|vacation reply|urlaub|ferien)/i;

const prefersNo = (value: string | undefined) => value === undefined || value.trim() === '' || /^no\b/i.test(value.trim());

/**
 * Decides whether a mail was sent by a machine, from every signal mail systems leave (RFC 5321
 * §4.5.5 null reverse-path, RFC 3834 Auto-Submitted, RFC 6522 reports, RFC 2369/2919 list headers,
 * Precedence, the vendors' X-Autoreply/X-Autorespond/X-Auto-Response-Suppress, system senders) and
 * from the subject and body wording of delivery reports. Kinds: `bounce` (delivery reports and
 * notices), `report` (complaints, read receipts), `auto_reply` (vacation and other auto-responders),
 * `bulk` (lists, newsletters, no-reply senders), `loop` (our own mail coming back).
 */
export function detectMachineMail(origin: MailOrigin, ownAddresses: string[]): MachineMailVerdict {
  const signals: string[] = [];
  const header = (name: string) => origin.header(name)?.toLowerCase();
  const from = origin.fromAddress.toLowerCase();
  const localPart = from.includes('@') ? from.slice(0, from.lastIndexOf('@')) : from;
  const subject = origin.subject.replace(replyOrForwardPrefix, '');
  const isForwarded = /^\s*(fwd?|wg|tr)\s*:/i.test(origin.subject);
  const text = origin.text.slice(0, textWindow);

  const returnPath = header('return-path')?.trim();
  const envelopeSender = origin.envelopeSender ?? (returnPath === undefined ? undefined : returnPath.replace(/^<|>$/g, '').trim());
  const isNullSender = envelopeSender !== undefined && (envelopeSender === '' || /^mailer-daemon(@|$)/i.test(envelopeSender));
  if (isNullSender) signals.push('null-envelope-sender');
  const isSystemSender = systemLocalPart.test(localPart) || systemDisplayName.test(origin.fromName);
  const hasNoSender = from === '' && origin.fromName.trim() === '';
  const isDeliverySystem = /^(mailer[-_]?daemon|mail[-_]?daemon|postmaster|post[-_]master|mail[-_]?delivery.*)$/i.test(localPart) || /^(mailer[-_ ]?daemon|mail delivery (system|subsystem)|postmaster|mail administrator)$/i.test(origin.fromName.trim());
  if (isSystemSender) signals.push(isDeliverySystem ? 'delivery-system-sender' : 'system-sender');
  const reportType = header('content-type')?.match(/report-type\s*=\s*"?([\w-]+)/)?.[1];
  const reportPart = origin.partTypes.find((type) => reportPartType.test(type));
  if (reportType) signals.push(`multipart-report:${reportType}`);
  if (reportPart) signals.push(`report-part:${reportPart}`);
  const failureBySubject = failureSubject.test(subject);
  if (failureBySubject) signals.push('failure-subject');
  const failureByText = failureText.filter((pattern) => pattern.test(text)).length;
  if (failureByText > 0) signals.push(`failure-text:${failureByText}`);
  const isForwardedByPerson = isForwarded && !isNullSender && !isSystemSender && from !== '';
  if (origin.header('x-failed-recipients') !== undefined) signals.push('x-failed-recipients');

  // Our own mail coming back (a forwarding loop, or our address as sender).
  if (ownAddresses.includes(from) || (header('x-loop') !== undefined && ownAddresses.some((address) => header('x-loop')!.includes(address)))) {
    return { kind: 'loop', isOutOfOffice: false, signals: [...signals, 'own-address'] };
  }

  const isComplaintOrReceipt =
    reportType === 'feedback-report' ||
    reportType === 'disposition-notification' ||
    (reportPart !== undefined && /feedback-report|disposition-notification/.test(reportPart)) ||
    /complaint about message from|abuse report/i.test(subject);
  if (isComplaintOrReceipt) return { kind: 'report', isOutOfOffice: false, signals };

  const isDeliveryReport =
    reportType === 'delivery-status' ||
    (reportPart !== undefined && /delivery-status|rfc822-headers|global-headers/.test(reportPart)) ||
    origin.header('x-failed-recipients') !== undefined ||
    // Subject or body wording counts with a second signal, so that a person whose subject merely
    // mentions a failed delivery, or who forwards a bounce with a question ("WG: Unzustellbar …"),
    // is still a person.
    (failureBySubject && (isNullSender || isSystemSender || hasNoSender || (failureByText > 0 && !isForwardedByPerson))) ||
    (failureByText >= 2 && (isNullSender || isSystemSender || hasNoSender)) ||
    (failureByText > 0 && isNullSender);
  if (isDeliveryReport) return { kind: 'bounce', isOutOfOffice: false, signals };

  const autoSubmitted = header('auto-submitted');
  const suppress = header('x-auto-response-suppress');
  const isVacation =
    /vacation/.test(autoSubmitted ?? '') ||
    /owner-email=/.test(autoSubmitted ?? '') ||
    (header('x-autoreply') !== undefined && !prefersNo(header('x-autoreply'))) ||
    (suppress !== undefined && /all|oof/.test(suppress) && origin.header('x-ms-exchange-inbox-rules-loop') !== undefined) ||
    (outOfOfficeSubject.test(origin.subject) && (!prefersNo(autoSubmitted) || header('x-autorespond') !== undefined || suppress !== undefined || header('precedence') !== undefined));
  if (isVacation) return { kind: 'auto_reply', isOutOfOffice: true, signals: [...signals, 'out-of-office'] };
  if (!prefersNo(autoSubmitted)) return { kind: 'auto_reply', isOutOfOffice: false, signals: [...signals, `auto-submitted:${autoSubmitted}`] };
  if (header('x-autorespond') !== undefined || header('x-autoreply') !== undefined) return { kind: 'auto_reply', isOutOfOffice: false, signals: [...signals, 'x-autorespond'] };
  // A subject that says "out of office" from a person, with no header: still a vacation notice.
  if (outOfOfficeSubject.test(origin.subject) && /^(automatische antwort|auto(matic)?[ -]?reply|autoreply|abwesenheitsnotiz|out of (the )?office)/i.test(origin.subject.trim())) {
    return { kind: 'auto_reply', isOutOfOffice: true, signals: [...signals, 'out-of-office-subject'] };
  }

  if (isNullSender || isDeliverySystem) return { kind: 'bounce', isOutOfOffice: false, signals };
  if (isSystemSender) return { kind: 'bulk', isOutOfOffice: false, signals };

  const precedence = header('precedence')?.trim();
  const listHeader = ['list-id', 'list-unsubscribe', 'list-post', 'list-help', 'list-subscribe', 'list-owner', 'mailing-list', 'x-mailing-list', 'x-ml-name', 'x-mlserver'].find((name) => origin.header(name) !== undefined);
  if (precedence && /^(bulk|list|junk)/.test(precedence)) return { kind: 'bulk', isOutOfOffice: false, signals: [...signals, `precedence:${precedence}`] };
  if (listHeader) return { kind: 'bulk', isOutOfOffice: false, signals: [...signals, `list-header:${listHeader}`] };
  if (suppress !== undefined && /\ball\b/.test(suppress) && (header('x-ms-exchange-generated-message-source') !== undefined || origin.header('x-ms-exchange-inbox-rules-loop') !== undefined)) {
    return { kind: 'auto_reply', isOutOfOffice: false, signals: [...signals, 'exchange-generated'] };
  }
  return { kind: null, isOutOfOffice: false, signals };
}
