import { findTicketNumber, isDuplicateDelivery, type MailTicketReference } from '../tickets/index.ts';
import { continueFactDialogueByMail } from './dialogues/collect-ticket-facts.ts';
import { readDialogueState } from './dialogues/dialogue-state.ts';
import { isDroppedMachineMail } from './dropped-machine-mail.ts';
import type { EngineDeps } from './engine-deps.ts';
import type { MailReplyPlan, TurnContext } from './turn-context.ts';
import type { HandledMessage, InboundMessage, MailFacts } from './types.ts';

/** What the mail policy leaves for the rest of the turn: a mail that is a new request, and how to answer it. */
export type MailPolicyDecision = { kind: 'handled'; handled: HandledMessage } | { kind: 'new_request'; mail: NonNullable<TurnContext['mail']> };

const replyPrefix = /^\s*((re|aw|wg|fw|fwd|antw|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i;

/** A subject for matching and display: without AW:/WG:/Re:/Fwd: and without our number tag. */
export function normaliseSubject(subject: string): string {
  return subject.replace(replyPrefix, '').replace(/\[?SIT-\d{4}-\d{5}\]?/g, '').replace(/\s+/g, ' ').trim();
}

const linkLike = /(\b(?:https?|ftp):\/\/\S+|\bwww\.\S+|\S+@\S+\.\w{2,}|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|de|eu|info|biz|io|co|me|ru|cn|xyz|top|app|online|site|shop|link|click|live|ly)\b(?:\/\S*)?)/gi;

/**
 * A sender's subject as our automatic mail may repeat it: without links, addresses or domains
 * (a forged sender must not make us mail a phishing link to someone), bounded in length.
 */
export function echoableSubject(subject: string): string {
  const cleaned = normaliseSubject(subject).replace(linkLike, '…').replace(/(…\s*)+/g, '… ').replace(/\s+/g, ' ').trim();
  return cleaned.length > 120 ? `${cleaned.slice(0, 119).trimEnd()}…` : cleaned;
}

const handled = (result: Omit<HandledMessage, 'replies'> & { replies?: HandledMessage['replies'] }): MailPolicyDecision => ({ kind: 'handled', handled: { replies: [], ...result } });

/**
 * What makes mail different, decided in one place before the engine's turn:
 * - a redelivered mail counts once (the dedupe record is written with its ticket);
 * - machine mail (bounces, loops, bulk, out-of-office) never gets a ticket or an answer; a bounce of
 *   one of our mails is linked to its ticket, an out-of-office reply to a case is noted on it;
 * - a follow-up joins its ticket only from the requester or a colleague of the same school board; a
 *   stranger quoting a number gets a ticket of their own with a note for the advisors;
 * - a follow-up to a request whose facts are still being collected fills them in;
 * - automatic answers to one address are capped per day.
 */
export async function applyMailPolicy(message: InboundMessage, mail: MailFacts, deps: EngineDeps): Promise<MailPolicyDecision> {
  const { tickets } = deps;
  if (await tickets.isInboundProcessed({ channel: 'email', externalId: mail.messageId })) return handled({ intent: 'clarify', isDuplicate: true, mail: { outcome: 'duplicate' } });
  if (mail.automatic === 'bounce' && mail.bouncedMessageIds.length > 0) await tickets.recordDeliveryFailure({ messageIds: mail.bouncedMessageIds, reportMessageId: mail.messageId });
  if (isDroppedMachineMail(mail.automatic)) return ignore(mail, deps, mail.automatic);

  const from = message.sender.email ?? '';
  const existing = await tickets.findTicketForMail({ ticketNumber: findTicketNumber(mail.subject), messageIds: [mail.inReplyTo, ...mail.references].filter((id): id is string => Boolean(id)) });
  const isSenderAllowed =
    existing !== null && from !== '' && (existing.requesterEmail === from || (existing.schoolBoardId !== null && (await tickets.isContactOfSchoolBoard({ email: from, schoolBoardId: existing.schoolBoardId }))));
  // Our relay says the From address may be forged: such a mail answers nothing and continues no
  // case, unless it answers one of our own Message-IDs (which only a recipient of our mail knows).
  const isForged = mail.senderAuthentication === 'fail';
  const reply = isForged ? null : await replyPlan(message, mail, deps);
  if (existing && isSenderAllowed && (!isForged || existing.matchedBy === 'message_id')) return continueCase(message, mail, deps, existing, reply);
  if (mail.automatic === 'auto_reply') return ignore(mail, deps, 'auto_reply');
  const notes = [
    isForged ? 'Absender nicht bestätigt: Der Mailserver meldet eine fehlgeschlagene Absenderprüfung (DMARC/DKIM/SPF); die Mail wurde keinem bestehenden Vorgang angehängt und nicht automatisch beantwortet.' : undefined,
    existing && !(isSenderAllowed && isForged) ? `Die Mail nennt Vorgang ${existing.number}, kommt aber nicht von dessen Anfragenden; sie wurde deshalb nicht angehängt.` : undefined,
    existing && isSenderAllowed && isForged ? `Die Mail nennt Vorgang ${existing.number}.` : undefined,
  ].filter(Boolean);
  const note = notes.length > 0 ? `[Hinweis für das Sachgebiet: ${notes.join(' ')}]` : undefined;
  return { kind: 'new_request', mail: { subject: normaliseSubject(mail.subject) || 'Anfrage per E-Mail', reply, note } };
}

async function ignore(mail: MailFacts, deps: EngineDeps, reason: string): Promise<MailPolicyDecision> {
  // Nothing to answer; record the delivery so a retry does not come back here.
  await deps.tickets.markInboundProcessed({ channel: 'email', externalId: mail.messageId, dropped: { reason, signals: mail.machineSignals ?? [] } });
  return handled({ intent: 'clarify', mail: { outcome: 'ignored', reason } });
}

/** How an automatic answer would go out, or null when the address had its share today. */
async function replyPlan(message: InboundMessage, mail: MailFacts, deps: EngineDeps): Promise<MailReplyPlan | null> {
  const to = message.sender.email;
  if (!to || mail.automatic) return null;
  const since = new Date(Date.now() - 24 * 3_600_000);
  if ((await deps.tickets.countAutomaticMailsSince({ address: to, since })) >= deps.mail.autoRepliesPerDay) return null;
  const subject = echoableSubject(mail.subject);
  return { to, subject: subject.replace(/[….\s]/g, '') === '' ? 'Ihre Anfrage' : subject, inReplyTo: mail.messageId, references: [...mail.references.slice(-20), mail.messageId] };
}

/** A follow-up from someone entitled to it: it joins the ticket (and fills in a collecting dialogue). */
async function continueCase(message: InboundMessage, mail: MailFacts, deps: EngineDeps, existing: MailTicketReference, reply: MailReplyPlan | null): Promise<MailPolicyDecision> {
  const { tickets } = deps;
  const requester = await tickets.identifyRequester({ email: message.sender.email, name: message.sender.name });
  if (!mail.isOutOfOffice && existing.conversation) {
    const conversation = await tickets.loadConversation({ ...existing.conversation, contactId: requester?.id });
    const state = readDialogueState(conversation.state);
    if (state && state.dialogue !== 'booking' && state.ticketNumber === existing.number) {
      const context: TurnContext = { message, deps, conversation, requester, mail: { subject: normaliseSubject(mail.subject), reply } };
      return { kind: 'handled', handled: await continueFactDialogueByMail(context, { ...state, ticketNumber: existing.number }, { reply: reply !== null }) };
    }
  }
  try {
    await tickets.addTicketMessage({
      ticketNumber: existing.number,
      direction: 'in',
      channel: 'email',
      text: message.text,
      originalText: mail.fullText,
      author: { type: 'requester', id: requester?.id, name: message.sender.name, email: message.sender.email },
      externalId: mail.messageId,
      dedupe: { channel: 'email', externalId: mail.messageId },
      // An out-of-office reply to one of our mails is noted, but changes nothing on the case.
      keepStatus: mail.isOutOfOffice,
      attachments: mail.attachments.length > 0 ? mail.attachments : undefined,
    });
  } catch (error) {
    if (isDuplicateDelivery(error)) return handled({ intent: 'clarify', isDuplicate: true, mail: { outcome: 'duplicate' } });
    throw error;
  }
  return handled({ intent: 'ticket', mail: { outcome: 'appended', ticketNumber: existing.number, acknowledged: false } });
}
