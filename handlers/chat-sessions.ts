import { randomUUID } from 'node:crypto';
import type { ChatReply, EngineDeps } from './engine-deps.ts';

/**
 * Sessions of the HTTP chat: the server issues conversation ids (random, unguessable) and only an
 * id it issued continues a conversation, so knowing the id is being its caller. A caller proves an
 * address with a mailed code; from then on the conversation speaks with that proven address.
 */
export interface ChatSessions {
  /** The caller's session: theirs when the id was issued before, else a new one with a new id. */
  open(conversationId: string | undefined): Promise<{ conversationId: string; verifiedEmail: string | null; isNew: boolean }>;
  requestVerification(options: { conversationId: string; email: string }): Promise<{ expiresAt: Date }>;
  confirmVerification(options: { conversationId: string; code: string }): Promise<{ email: string }>;
  /** Advisors' replies to the tickets of this conversation, after a time or since last shown. */
  replies(options: { conversationId: string; after?: Date; markSeen?: boolean }): Promise<ChatReply[]>;
}

export function createChatSessions(deps: EngineDeps): ChatSessions {
  const { tickets } = deps;
  return {
    async open(conversationId) {
      const session = conversationId ? await tickets.findChatSession({ conversationId }) : null;
      if (session) return { ...session, isNew: false };
      // A conversation starts with its first turn; the id is ours, whatever the client sent.
      return { conversationId: randomUUID(), verifiedEmail: null, isNew: true };
    },
    requestVerification: ({ conversationId, email }) => tickets.startChatVerification({ conversationId, email: email.trim().toLowerCase(), from: { domain: deps.mail.messageIdDomain } }),
    confirmVerification: (options) => tickets.confirmChatVerification(options),
    replies: (options) => tickets.listConversationReplies(options),
  };
}
