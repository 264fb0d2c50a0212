import type { StoredConversation } from '../tickets/index.ts';
import type { EngineDeps } from './engine-deps.ts';
import type { InboundMessage } from './types.ts';

/** Everything one turn knows: the message, who sent it, the stored conversation, the deps. */
export interface TurnContext {
  message: InboundMessage;
  deps: EngineDeps;
  conversation: StoredConversation;
  requester: { contactId: string; name?: string; schoolBoardId?: string; schoolBoardName?: string } | null;
}

/** The requester as tickets record it. */
export function requesterOf({ message, requester }: TurnContext) {
  return {
    contactId: requester?.contactId,
    name: message.sender.name ?? requester?.name,
    email: message.sender.email,
    teamsId: message.sender.aadObjectId,
    channelUserId: message.sender.id ? `${message.channel}:${message.sender.id}` : undefined,
  };
}

export function formatGermanDateTime(date: Date): string {
  return date.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }) + ' Uhr';
}

/** "a", "a und b", "a, b und c". */
export function germanList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} und ${items.at(-1)}`;
}

export const cannotSupply = /\b(wei(ß|ss) ich nicht|keine ahnung|habe ich nicht|haben wir nicht|nicht bekannt|unbekannt|kann ich nicht sagen|liegt mir nicht vor)\b/i;
