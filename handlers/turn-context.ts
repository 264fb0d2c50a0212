import type { RequesterProfile, StoredConversation } from '../tickets/index.ts';
import type { EngineDeps } from './engine-deps.ts';
import type { InboundMessage } from './types.ts';

/**
 * How the replies of a mail turn go out: as one mail queued with the ticket (acknowledgement),
 * decided by the mail policy. Null when nothing may be sent (daily cap reached).
 */
export interface MailReplyPlan {
  to: string;
  /** The mail's subject without reply prefixes and number tag; ours becomes "[number] subject". */
  subject: string;
  inReplyTo: string;
  references: string[];
}

/** Everything one turn knows: the message, who sent it, the stored conversation, the deps. */
export interface TurnContext {
  message: InboundMessage;
  deps: EngineDeps;
  conversation: StoredConversation;
  requester: RequesterProfile | null;
  /** Set for a mail: a ticket opens at once and the replies go out as its acknowledgement. */
  mail?: {
    /** The mail's subject without reply prefixes and number tag: the ticket's subject. */
    subject: string;
    reply: MailReplyPlan | null;
    /** A note for the advisors, added to the ticket's first message. */
    note?: string;
  };
}

/** Who sent the message and the conversation it belongs to: what every turn starts from. */
export async function loadTurnContext(message: InboundMessage, deps: EngineDeps, mail?: TurnContext['mail']): Promise<TurnContext> {
  const requester = await deps.tickets.identifyRequester({ email: message.sender.email, teamsId: message.sender.aadObjectId, name: message.sender.name });
  const conversation = await deps.tickets.loadConversation({ channel: message.channel, externalKey: message.conversationKey, contactId: requester?.id, isNew: message.isNewConversation });
  return { message, deps, conversation, requester, mail };
}

/** The requester as tickets record it. */
export function requesterOf({ message, requester }: TurnContext) {
  return {
    contactId: requester?.id,
    name: message.sender.name ?? requester?.name ?? undefined,
    email: message.sender.email,
    teamsId: message.sender.aadObjectId,
    channelUserId: message.sender.id ? `${message.channel}:${message.sender.id}` : undefined,
    isEmailVerified: message.sender.isProven === true,
  };
}

// One formatter for the process: toLocaleString with options builds a new one per call (~0.4 ms).
const germanDateTime = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function formatGermanDateTime(date: Date): string {
  return `${germanDateTime.format(date)} Uhr`;
}

/** "a", "a und b", "a, b und c". */
export function germanList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} und ${items.at(-1)}`;
}

export const cannotSupply = /\b(wei(ß|ss) ich nicht|keine ahnung|habe ich nicht|haben wir nicht|nicht bekannt|unbekannt|kann ich nicht sagen|liegt mir nicht vor)\b/i;
