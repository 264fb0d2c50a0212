import type { CreateTicketOptions, OutgoingMail, TicketSummary } from '../tickets/index.ts';
import type { MailReplyPlan, TurnContext } from './turn-context.ts';
import type { HandledMessage, Reply } from './types.ts';

const closing =
  'Mit freundlichen Grüßen\nIhr Schul-IT Assistent (Zweckverband eGo-MV)\n\n' +
  'Diese Nachricht wurde automatisch erstellt. Auskünfte des Assistenten ersetzen keinen Zuwendungsbescheid.';

/** A citation as a mail shows it: title, section, address. */
function citationLine(citation: Reply['citations'][number]): string {
  return `- ${citation.title}${citation.section ? `, ${citation.section}` : ''}${citation.source ? `: ${citation.source}` : ''}${citation.sourceLabel ? ` (${citation.sourceLabel})` : ''}`;
}

/**
 * The turn's replies as one automatic mail. The greeting holds no text the sender chose (their
 * display name could carry a link or markup); the subject echoes theirs only after our number.
 */
export function composeMailReply({ plan, ticketNumber, replies }: { plan: MailReplyPlan; ticketNumber: string; replies: Reply[] }): OutgoingMail {
  const parts = replies.map((reply) => {
    const sources = reply.citations.length > 0 ? `\n\nQuellen:\n${reply.citations.map(citationLine).join('\n')}` : '';
    return `${reply.text}${sources}`;
  });
  // The confirmation reads "vielen Dank …" right after the greeting's comma; after an answer it starts a sentence.
  const sentences = parts.map((part, index) => (index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)));
  const text = `Guten Tag,\n\n${sentences.join('\n\n')}\n\n${closing}`;
  return {
    to: plan.to,
    subject: `[${ticketNumber}] ${plan.subject}`.trim(),
    text,
    inReplyTo: plan.inReplyTo,
    references: plan.references,
    isAutomatic: true,
  };
}

/**
 * For a turn that came by mail and may be answered: the acknowledgement `createTicket` queues in
 * the ticket's own transaction, built from the replies once the number exists.
 */
export function mailAcknowledgement(context: TurnContext, repliesFor: (ticket: TicketSummary) => Reply[]): Pick<CreateTicketOptions, 'acknowledgement' | 'dedupe' | 'originalText' | 'attachments' | 'externalMessageId'> {
  const mail = context.message.mail;
  if (!mail || !context.mail) return {};
  const plan = context.mail.reply;
  return {
    dedupe: { channel: 'email', externalId: mail.messageId },
    originalText: mail.fullText,
    externalMessageId: mail.messageId,
    attachments: mail.attachments.length > 0 ? mail.attachments : undefined,
    acknowledgement: plan ? { domain: context.deps.mail.messageIdDomain, compose: (ticket) => composeMailReply({ plan, ticketNumber: ticket.number, replies: repliesFor(ticket) }) } : undefined,
  };
}

/** What became of a mail that opened a ticket; nothing for other channels. */
export function mailCreated(context: TurnContext, ticketNumber: string): Pick<HandledMessage, 'mail'> {
  return context.mail ? { mail: { outcome: 'created', ticketNumber, acknowledged: Boolean(context.mail.reply) } } : {};
}
