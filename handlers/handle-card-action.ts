import type { EngineDeps } from './engine-deps.ts';
import { handleInboundMessage } from './handle-inbound-message.ts';
import { openTicket } from './open-ticket.ts';
import type { HandledMessage, InboundMessage, Reply } from './types.ts';

/** What a button on a card asks for; channels translate their button payloads to this. */
export type CardAction =
  | { verb: 'feedback'; answerId: string; isHelpful: boolean }
  | { verb: 'open_ticket'; question: string }
  | { verb: 'book_consultation' }
  | { verb: 'claim'; ticketNumber: string };

const text = (message: string): Reply => ({ text: message, citations: [], suggestedActions: [] });

/**
 * Decides what a card button does: feedback on an answer, a question escalated as a ticket, the
 * start of the booking dialogue, or an advisor claiming a case.
 */
export async function handleCardAction(action: CardAction, message: InboundMessage, deps: EngineDeps): Promise<HandledMessage> {
  switch (action.verb) {
    case 'feedback': {
      const isKnown = await deps.recordFeedback(action.answerId, action.isHelpful);
      const reply = !isKnown
        ? 'Zu dieser Antwort kann ich keine Rückmeldung mehr speichern.'
        : action.isHelpful
          ? 'Danke für Ihre Rückmeldung!'
          : 'Danke für Ihre Rückmeldung. Wenn Sie möchten, nehme ich Ihre Frage als Ticket auf oder vermittle eine Beratung.';
      return { intent: 'clarify', replies: [{ ...text(reply), suggestedActions: isKnown && !action.isHelpful ? ['open_ticket', 'book_consultation'] : [] }] };
    }
    case 'open_ticket': {
      // The same path as a request typed into the chat: one way to open a ticket.
      const question = action.question.trim() || 'Bitte melden Sie sich zu meiner Frage im Chat.';
      const requester = await deps.tickets.identifyRequester({ email: message.sender.email, teamsId: message.sender.aadObjectId, name: message.sender.name });
      const conversation = await deps.tickets.loadConversation(message.channel, message.conversationKey, requester?.contactId);
      return openTicket({ message: { ...message, text: question }, deps, conversation, requester });
    }
    case 'book_consultation':
      return handleInboundMessage({ ...message, text: 'Ich möchte eine Beratung anfragen.', externalId: undefined }, deps);
    case 'claim': {
      const aadObjectId = message.sender.aadObjectId;
      const claimed = aadObjectId ? await deps.tickets.claimTicketByTeamsUser(action.ticketNumber, aadObjectId).catch((error: { german?: string }) => ({ error: error.german ?? 'Das Übernehmen ist fehlgeschlagen.' })) : null;
      if (!claimed) return { intent: 'clarify', replies: [text('Ihr Teams-Konto ist keiner Beraterin und keinem Berater zugeordnet (schulit advisor add --teams-id …).')] };
      if ('error' in claimed) return { intent: 'clarify', replies: [text(claimed.error)] };
      return {
        intent: 'ticket',
        claimedBy: claimed.advisorName,
        ticket: { number: claimed.ticket.number, category: claimed.ticket.category, priority: claimed.ticket.priority, status: claimed.ticket.status },
        replies: [text(`Übernommen von ${claimed.advisorName}.`)],
      };
    }
  }
}
