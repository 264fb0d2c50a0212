import { categoryLabels, priorityLabels, type TicketSummary } from '../tickets/index.ts';
import { extractOffer, extractRopChange, type OfferFacts, type RopChangeFacts } from './extract-slots.ts';
import type { RequestKind } from './classify-intent.ts';
import { cannotSupply, formatGermanDateTime, germanList, requesterOf, type TurnContext } from './turn-context.ts';
import type { HandledMessage, Reply } from './types.ts';

const ropFactLabels: Record<string, string> = {
  schools: 'die betroffene Schule (Name)',
  dienststellennummern: 'die Dienststellennummer der Schule',
  currentYear: 'das bisherige Förderjahr laut Roll-Out-Plan',
  requestedYear: 'das gewünschte Förderjahr',
  reason: 'eine kurze Begründung',
};

const offerFactLabels: Record<string, string> = {
  schoolBoard: 'den Schulträger',
  schools: 'die betroffenen Schulen',
  schoolTypes: 'die Schularten',
  pupilNumbers: 'die Schülerzahlen je Schule',
  timeframe: 'den gewünschten Zeitraum',
};

/** After this many follow-up questions the ticket is opened with what is known, the gaps recorded. */
const maxFollowUps = 2;

interface DialogueState {
  dialogue: 'rop_change' | 'offer';
  facts: Record<string, unknown>;
  schoolBoardId?: string;
  texts: string[];
  asked: number;
}

function missingRopFacts(facts: RopChangeFacts): string[] {
  const missing: string[] = [];
  if (facts.schools.length === 0 && facts.dienststellennummern.length === 0) missing.push('schools');
  if (facts.dienststellennummern.length === 0) missing.push('dienststellennummern');
  if (!facts.currentYear) missing.push('currentYear');
  if (!facts.requestedYear) missing.push('requestedYear');
  if (!facts.reason) missing.push('reason');
  return missing;
}

function missingOfferFacts(facts: OfferFacts): string[] {
  const missing: string[] = [];
  if (!facts.schoolBoard) missing.push('schoolBoard');
  if (facts.schools.length === 0 && facts.schoolTypes.length === 0) missing.push('schools');
  if (facts.schoolTypes.length === 0) missing.push('schoolTypes');
  if (facts.pupilNumbers.length === 0) missing.push('pupilNumbers');
  if (!facts.timeframe) missing.push('timeframe');
  return missing;
}

/** Later messages add facts; what was known stays unless the new message names something else. */
function mergeFacts<T extends Record<string, unknown>>(known: T, found: T): T {
  const merged: Record<string, unknown> = { ...known };
  for (const [key, value] of Object.entries(found)) {
    if (Array.isArray(value)) merged[key] = [...new Set([...((known[key] as unknown[]) ?? []), ...value])];
    else if (value !== undefined && value !== null && value !== '') merged[key] = value;
  }
  return merged as T;
}

export function ticketConfirmation(ticket: TicketSummary, missingLabels: string[]): Reply {
  const due = ticket.dueAt ? ` Wir melden uns in der Regel bis ${formatGermanDateTime(ticket.dueAt)}.` : '';
  const gaps = missingLabels.length > 0 ? ` Noch offen sind: ${germanList(missingLabels)}; das Sachgebiet fragt bei Bedarf nach.` : '';
  return {
    text: `Vielen Dank. Ich habe Ihr Anliegen als Vorgang ${ticket.number} aufgenommen (Kategorie: ${categoryLabels[ticket.category]}, Priorität: ${priorityLabels[ticket.priority as keyof typeof priorityLabels]}).${due}${gaps} Den Stand erfahren Sie jederzeit mit der Frage „Wie ist der Stand bei ${ticket.number}?“.`,
    citations: [],
    suggestedActions: [],
    ticket: { number: ticket.number, category: ticket.category, priority: ticket.priority, status: ticket.status },
  };
}

async function createFromDialogue(context: TurnContext, state: DialogueState, missing: string[]): Promise<HandledMessage> {
  const { message, deps } = context;
  const text = state.texts.join('\n\n');
  const isRop = state.dialogue === 'rop_change';
  const triage = deps.tickets.triage(text, isRop ? 'rop_aenderung' : 'mep');
  const labels = isRop ? ropFactLabels : offerFactLabels;
  const ticket = await deps.tickets.createTicket({
    channel: message.channel,
    subject: isRop ? `Änderungswunsch Roll-Out-Plan${(state.facts.schools as string[]).length > 0 ? `: ${(state.facts.schools as string[]).join(', ')}` : ''}` : 'Angebotsanfrage MEP',
    text,
    requester: requesterOf(context),
    triage,
    facts: state.facts,
    missingFacts: missing,
    schoolBoardId: state.schoolBoardId ?? context.requester?.schoolBoardId,
    conversationId: context.conversation.id,
  });
  await deps.tickets.saveConversationState(context.conversation, null);
  return {
    intent: 'ticket',
    triage: { category: ticket.category, priority: ticket.priority },
    ticket: { number: ticket.number, category: ticket.category, priority: ticket.priority, status: ticket.status },
    replies: [ticketConfirmation(ticket, missing.map((key) => labels[key]!))],
  };
}

/** Gathers the facts of a ROP change or an offer request, asking for what is missing, then opens the ticket. */
export async function continueTicketDialogue(context: TurnContext, state: DialogueState): Promise<HandledMessage> {
  const { message, deps } = context;
  const master = await deps.tickets.matchMasterData(message.text);
  const isRop = state.dialogue === 'rop_change';
  const found = isRop ? extractRopChange(message.text, master) : extractOffer(message.text, master);
  const facts = mergeFacts(state.facts, found as unknown as Record<string, unknown>);
  const next: DialogueState = { ...state, facts, schoolBoardId: state.schoolBoardId ?? master.schoolBoard?.id, texts: [...state.texts, message.text] };
  if (!isRop && !facts.schoolBoard && context.requester?.schoolBoardName) facts.schoolBoard = context.requester.schoolBoardName;
  const missing = isRop ? missingRopFacts(facts as unknown as RopChangeFacts) : missingOfferFacts(facts as unknown as OfferFacts);
  if (missing.length === 0 || next.asked >= maxFollowUps || (next.asked > 0 && cannotSupply.test(message.text))) {
    return createFromDialogue(context, next, missing);
  }
  await deps.tickets.saveConversationState(context.conversation, { ...next, asked: next.asked + 1 } as unknown as Record<string, unknown>);
  const labels = isRop ? ropFactLabels : offerFactLabels;
  const preview = deps.tickets.triage(next.texts.join('\n'), isRop ? 'rop_aenderung' : 'mep');
  const intro = isRop ? 'Damit das Sachgebiet Schul-IT Ihren Änderungswunsch zum Roll-Out-Plan bearbeiten kann' : 'Damit wir Ihnen ein passendes Angebot erstellen können';
  // The intent is the ticket; it opens once the facts are in (or known to be missing).
  return {
    intent: 'ticket',
    triage: { category: preview.category, priority: preview.priority },
    replies: [
      {
        text: `${intro}, brauche ich noch ${germanList(missing.map((key) => labels[key]!))}. Bitte ergänzen Sie diese Angaben in Ihrer nächsten Nachricht. Wenn Sie etwas nicht wissen, schreiben Sie einfach „weiß ich nicht“; mit „abbrechen“ beenden Sie den Vorgang.`,
        citations: [],
        suggestedActions: [],
      },
    ],
  };
}

/** Opens a ticket for a request; ROP changes and offer requests first collect their facts. */
export async function openTicket(context: TurnContext, requestKind: RequestKind = 'general'): Promise<HandledMessage> {
  const { message, deps } = context;
  if (requestKind === 'rop_change' || requestKind === 'offer') {
    return continueTicketDialogue(context, { dialogue: requestKind, facts: {}, texts: [], asked: 0 });
  }
  const master = await deps.tickets.matchMasterData(message.text);
  const triage = deps.tickets.triage(message.text);
  const firstLine = message.text.split(/\n|(?<=[.?!])\s/)[0]!.trim();
  const ticket = await deps.tickets.createTicket({
    channel: message.channel,
    subject: firstLine.length > 0 ? firstLine.slice(0, 120) : 'Anliegen',
    text: message.text,
    requester: requesterOf(context),
    triage,
    facts: master.dienststellennummern.length > 0 ? { dienststellennummern: master.dienststellennummern } : undefined,
    schoolBoardId: master.schoolBoard?.id ?? context.requester?.schoolBoardId,
    schoolId: master.schools.length === 1 ? master.schools[0]!.id : undefined,
    conversationId: context.conversation.id,
  });
  return {
    intent: 'ticket',
    triage: { category: ticket.category, priority: ticket.priority },
    ticket: { number: ticket.number, category: ticket.category, priority: ticket.priority, status: ticket.status },
    replies: [ticketConfirmation(ticket, [])],
  };
}
