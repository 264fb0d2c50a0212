import { createChatSessions, type ChatSessions } from './chat-sessions.ts';
import type { EngineDeps } from './engine-deps.ts';
import { handleCardAction, type CardAction } from './handle-card-action.ts';
import { handleInboundMessage } from './handle-inbound-message.ts';
import { isAdvisorChannelCommand, registerAdvisorChannel } from './register-advisor-channel.ts';
import type { HandledMessage, InboundMessage } from './types.ts';

/** The conversation engine every channel receives: the channels translate, the engine decides. */
export interface Engine {
  /** Any message from any channel (Teams, mail, chat API). */
  handleMessage(message: InboundMessage): Promise<HandledMessage>;
  /** A button on a card ("Hat das geholfen?", "Ticket eröffnen", "Übernehmen"). */
  handleCardAction(action: CardAction, message: InboundMessage): Promise<HandledMessage>;
  /** "Beraterkanal registrieren" in a Teams channel; returns the text to answer. */
  registerAdvisorChannel(reference: Record<string, unknown>, message: InboundMessage): Promise<string>;
  isAdvisorChannelCommand(text: string): boolean;
  /** Keeps a Teams conversation's reference current, for proactive notices. */
  storeConversationReference(conversationId: string, reference: Record<string, unknown>): Promise<void>;
  /** True the first time a conversation is welcomed (Teams sends two install events). */
  isFirstWelcome(conversationId: string): Promise<boolean>;
  /** The HTTP chat's sessions: issued ids, proven addresses, advisors' replies. */
  chatSessions: ChatSessions;
}

export function createEngine(deps: EngineDeps): Engine {
  return {
    handleMessage: (message) => handleInboundMessage(message, deps),
    handleCardAction: (action, message) => handleCardAction(action, message, deps),
    registerAdvisorChannel: (reference, message) => registerAdvisorChannel({ sender: message.sender, reference }, deps),
    isAdvisorChannelCommand,
    storeConversationReference: (conversationId, reference) => deps.tickets.storeConversationReference({ channel: 'teams', externalKey: conversationId, reference }),
    // The welcome is an inbound delivery of its own: recorded once per conversation.
    isFirstWelcome: (conversationId) => deps.tickets.markInboundProcessed({ channel: 'teams', externalId: `welcome|${conversationId}` }),
    chatSessions: createChatSessions(deps),
  };
}
