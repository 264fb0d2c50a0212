import { findTicketNumber } from '../tickets/index.ts';
import { renderPlainAnswer } from '../knowledge/render-plain-answer.ts';
import type { EngineDeps } from './engine-deps.ts';
import { classifyIntent } from './classify-intent.ts';
import type { InboundMail } from './types.ts';

export type MailOutcome =
  | { outcome: 'duplicate' }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'appended'; ticketNumber: string }
  | { outcome: 'created'; ticketNumber: string; acknowledged: boolean };

export interface MailSettings {
  /** Our own address (From of acknowledgements). */
  ownAddress: string;
  /** Domain of our Message-IDs. */
  messageIdDomain: string;
  /** Automatic mails to one address per 24 hours, at most. */
  autoRepliesPerDay: number;
}

const replyPrefix = /^\s*((re|aw|wg|fw|fwd|antw|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i;

/** A subject for matching and display: without AW:/WG:/Re:/Fwd: and without our number tag. */
export function normaliseSubject(subject: string): string {
  return subject.replace(replyPrefix, '').replace(/\[?SIT-\d{4}-\d{5}\]?/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * What an email needs: a follow-up joins its ticket (only from the requester or a contact of the
 * same school board; a stranger quoting a number gets a ticket of their own), machine mail never
 * gets an answer, every new inquiry becomes exactly one ticket with one acknowledgement (carrying
 * the cited answer when the knowledge base covers the question). Dedupe rows are written in the
 * same transaction as the ticket, so a redelivered or crashed-and-retried mail counts once.
 */
export async function handleInboundMail(mail: InboundMail, deps: EngineDeps, settings: MailSettings): Promise<MailOutcome> {
  if (await deps.tickets.isInboundProcessed('email', mail.messageId)) return { outcome: 'duplicate' };
  if (mail.automatic === 'bounce' && mail.bouncedMessageIds.length > 0) {
    await deps.tickets.recordDeliveryFailure(mail.bouncedMessageIds, mail.messageId);
  }
  if (mail.automatic === 'bounce' || mail.automatic === 'loop' || mail.automatic === 'bulk') {
    // Nothing to answer; record the delivery so a retry does not come back here.
    await deps.tickets.markInboundProcessed('email', mail.messageId);
    return { outcome: 'ignored', reason: mail.automatic };
  }
  const subjectNumber = findTicketNumber(mail.subject);
  const existing = await deps.tickets.findTicketForMail({ ticketNumber: subjectNumber, messageIds: [mail.inReplyTo, ...mail.references].filter((id): id is string => Boolean(id)) });
  const isSenderAllowed =
    existing !== null &&
    (existing.requesterEmail === mail.from.address || (existing.schoolBoardId !== null && (await deps.tickets.isContactOfSchoolBoard(mail.from.address, existing.schoolBoardId))));
  const duplicate = (error: unknown) => {
    if ((error as { code?: string }).code === 'P2002') return { outcome: 'duplicate' as const };
    throw error;
  };

  if (existing && isSenderAllowed) {
    return deps.tickets
      .addInboundMail({ ticketNumber: existing.number, text: mail.text, originalText: mail.fullText, from: mail.from, messageId: mail.messageId, keepStatus: mail.isOutOfOffice, attachments: mail.attachments })
      .then(() => ({ outcome: 'appended' as const, ticketNumber: existing.number }), duplicate);
  }
  if (mail.automatic === 'auto_reply') {
    await deps.tickets.markInboundProcessed('email', mail.messageId);
    return { outcome: 'ignored', reason: 'auto_reply' };
  }

  const subject = normaliseSubject(mail.subject) || 'Anfrage per E-Mail';
  const text = `${subject}\n\n${mail.text}`;
  const requester = await deps.tickets.identifyRequester({ email: mail.from.address, name: mail.from.name });
  const master = await deps.tickets.matchMasterData(text);
  const classification = classifyIntent(mail.text);
  const triage = deps.tickets.triage(text, classification.intent === 'booking' ? 'beratung' : undefined);
  const answer = classification.hasQuestion || classification.intent === 'question' ? await deps.knowledge.answer(classification.questionText) : undefined;
  const since = new Date(Date.now() - 24 * 3_600_000);
  const isWithinCap = (await deps.tickets.countAutomaticMailsSince(mail.from.address, since)) < settings.autoRepliesPerDay;
  const strangerNote = existing && !isSenderAllowed ? `\n\n[Hinweis für das Sachgebiet: Die Mail nennt Vorgang ${existing.number}, kommt aber nicht von dessen Anfragenden; sie wurde deshalb nicht angehängt.]` : '';
  const answerPart = answer?.outcome === 'answered' ? `\n\nZu Ihrer Frage finden Sie hier eine erste Auskunft aus unseren Unterlagen:\n\n${renderPlainAnswer(answer)}\n` : '';
  const acknowledgementText =
    `Guten Tag${mail.from.name ? ` ${mail.from.name}` : ''},\n\nvielen Dank für Ihre Nachricht. Wir haben sie unter der Vorgangsnummer {number} aufgenommen. ` +
    `Bitte behalten Sie die Nummer [{number}] im Betreff, wenn Sie antworten.${answerPart}\n\nDas Sachgebiet Schul-IT meldet sich bei Ihnen.\n\nMit freundlichen Grüßen\nIhr Schul-IT Assistent (Zweckverband eGo-MV)\n\nDiese Nachricht wurde automatisch erstellt; Auskünfte ersetzen keinen Zuwendungsbescheid.`;
  try {
    const ticket = await deps.tickets.createTicket({
      channel: 'email',
      subject,
      text: `${mail.text}${strangerNote}`,
      originalText: mail.fullText,
      attachments: mail.attachments.length > 0 ? (mail.attachments as never) : undefined,
      requester: { contactId: requester?.contactId, name: mail.from.name, email: mail.from.address },
      triage,
      schoolBoardId: master.schoolBoard?.id ?? requester?.schoolBoardId,
      schoolId: master.schools.length === 1 ? master.schools[0]!.id : undefined,
      facts: master.dienststellennummern.length > 0 ? { dienststellennummern: master.dienststellennummern, years: master.years } : undefined,
      dedupe: { channel: 'email', externalId: mail.messageId },
      acknowledgement: isWithinCap
        ? {
            domain: settings.messageIdDomain,
            mail: { to: mail.from.address, subject: `[{number}] ${subject}`, text: acknowledgementText, inReplyTo: mail.messageId, references: [...mail.references, mail.messageId], isAutomatic: true },
          }
        : undefined,
    });
    return { outcome: 'created', ticketNumber: ticket.number, acknowledged: isWithinCap };
  } catch (error) {
    return duplicate(error);
  }
}
