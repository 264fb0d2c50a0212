import { triageRequest } from '../tickets/index.ts';
import { mailAcknowledgement, mailCreated } from './compose-mail-reply.ts';
import type { RequestKind } from './classify-intent.ts';
import { startFactDialogue } from './dialogues/collect-ticket-facts.ts';
import { ticketConfirmation } from './ticket-confirmation.ts';
import { requesterOf, type TurnContext } from './turn-context.ts';
import type { HandledMessage, Reply } from './types.ts';

/** The subject of a request: a mail's own subject, else the first sentence of the message. */
function subjectOf(context: TurnContext): string {
  if (context.mail) return context.mail.subject;
  const firstLine = context.message.text.split(/\n|(?<=[.?!])\s/)[0]!.trim();
  return firstLine.length > 0 ? firstLine.slice(0, 120) : 'Anliegen';
}

/**
 * Opens a ticket for a request; ROP changes and offer requests first collect their facts.
 * `leading` replies (an answer to a question in the same message) come before the confirmation.
 */
export async function openTicket(context: TurnContext, requestKind: RequestKind = 'general', leading: Reply[] = []): Promise<HandledMessage> {
  if (requestKind === 'rop_change' || requestKind === 'offer') return startFactDialogue(context, requestKind, leading);
  const { message, deps } = context;
  const subject = subjectOf(context);
  const text = context.mail?.note ? `${message.text}\n\n${context.mail.note}` : message.text;
  const master = await deps.tickets.matchMasterData({ text: `${message.mail ? `${subject}\n\n` : ''}${message.text}` });
  const ticket = await deps.tickets.createTicket({
    channel: message.channel,
    subject,
    text,
    requester: requesterOf(context),
    triage: triageRequest({ text: message.mail ? `${subject}\n\n${message.text}` : message.text }),
    facts: master.dienststellennummern.length > 0 ? { dienststellennummern: master.dienststellennummern, years: master.years } : undefined,
    schoolBoardId: master.schoolBoard?.id ?? context.requester?.schoolBoard?.id,
    schoolId: master.schools.length === 1 ? master.schools[0]!.id : undefined,
    conversationId: context.conversation.id,
    ...mailAcknowledgement(context, (created) => [...leading, ticketConfirmation({ ticket: created, missingLabels: [], channel: message.channel, isProven: message.sender.isProven === true })]),
  });
  return {
    intent: 'ticket',
    triage: { category: ticket.category, priority: ticket.priority },
    ticket: { number: ticket.number, category: ticket.category, priority: ticket.priority, status: ticket.status },
    replies: [...leading, ticketConfirmation({ ticket, missingLabels: [], channel: message.channel, isProven: message.sender.isProven === true })],
    ...mailCreated(context, ticket.number),
  };
}
