import type { EngineDeps } from './engine-deps.ts';
import { handleInboundMessage } from './handle-inbound-message.ts';
import { openTicket } from './open-ticket.ts';
import { loadTurnContext } from './turn-context.ts';
import type { HandledMessage, InboundMessage, Reply } from './types.ts';

/** What a button on a card asks for; channels translate their button payloads to this. */
export type CardAction =
  | { verb: 'feedback'; answerId: string; isHelpful: boolean }
  | { verb: 'open_ticket'; question: string }
  | { verb: 'book_consultation' }
  | { verb: 'claim'; ticketNumber: string };

const text = (message: string, suggestedActions: Reply['suggestedActions'] = []): Reply => ({ text: message, citations: [], suggestedActions });

const notAnAdvisor =
  'Ihr Teams-Konto ist keiner Beraterin und keinem Berater zugeordnet. Bitten Sie die Administration des Arbeitsbereichs, Ihr Teams-Konto bei Ihrem Zugang einzutragen.';

/**
 * Decides what a card button does: feedback on an answer, a question escalated as a ticket, the
 * start of the booking dialogue, or an advisor claiming a case.
 */
export async function handleCardAction(action: CardAction, message: InboundMessage, deps: EngineDeps): Promise<HandledMessage> {
  switch (action.verb) {
    case 'feedback': {
      const isKnown = await deps.recordFeedback({ answerId: action.answerId, isHelpful: action.isHelpful });
      if (!isKnown) return { intent: 'clarify', replies: [text('Zu dieser Antwort kann ich keine Rückmeldung mehr speichern.')] };
      if (action.isHelpful) return { intent: 'clarify', replies: [text('Danke für Ihre Rückmeldung!')] };
      return { intent: 'clarify', replies: [text('Danke für Ihre Rückmeldung. Wenn Sie möchten, nehme ich Ihre Frage als Vorgang auf oder vermittle eine Beratung.', ['open_ticket', 'book_consultation'])] };
    }
    case 'open_ticket': {
      // The same path as a request typed into the chat: one way to open a ticket.
      const question = action.question.trim() || 'Bitte melden Sie sich zu meiner Frage im Chat.';
      return openTicket(await loadTurnContext({ ...message, text: question }, deps));
    }
    case 'book_consultation':
      return handleInboundMessage({ ...message, text: 'Ich möchte eine Beratung anfragen.', externalId: undefined }, deps);
    case 'claim':
      return claimFromCard(action.ticketNumber, message, deps);
  }
}

async function claimFromCard(ticketNumber: string, message: InboundMessage, deps: EngineDeps): Promise<HandledMessage> {
  // The Teams object id names an advisor only when botbuilder authenticated the activity.
  const advisor = message.sender.isProven === true && message.sender.aadObjectId ? await deps.tickets.findAdvisorByTeamsUser({ aadObjectId: message.sender.aadObjectId }) : null;
  if (!advisor) return { intent: 'clarify', replies: [text(notAnAdvisor)] };
  try {
    const ticket = await deps.tickets.claimTicket({ ticketNumber, advisorId: advisor.id });
    return {
      intent: 'ticket',
      claimedBy: advisor.name,
      ticket: { number: ticket.number, category: ticket.category, priority: ticket.priority, status: ticket.status },
      replies: [text(`Übernommen von ${advisor.name}.`)],
    };
  } catch (error) {
    // Expected refusals (held by a colleague, unknown number) carry their German sentence.
    const german = (error as { german?: string }).german;
    if (german) return { intent: 'clarify', replies: [text(german)] };
    deps.reportError?.(error, { action: 'claim', ticketNumber });
    return { intent: 'clarify', replies: [text('Das Übernehmen ist fehlgeschlagen. Bitte versuchen Sie es im Arbeitsbereich noch einmal.')] };
  }
}
