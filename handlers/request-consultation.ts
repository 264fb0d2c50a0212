import { bookingModeLabels } from '../tickets/index.ts';
import { extractMode, extractParticipants, extractTimeWindows, extractTopic, type ConsultationMode } from './extract-slots.ts';
import { ticketConfirmation } from './open-ticket.ts';
import { cannotSupply, germanList, requesterOf, type TurnContext } from './turn-context.ts';
import type { HandledMessage } from './types.ts';

interface BookingSlots {
  topic?: string;
  mode?: ConsultationMode;
  windows: string[];
  participants: string[];
  schoolBoard?: string;
  schoolBoardId?: string;
}

interface BookingState {
  dialogue: 'booking';
  slots: BookingSlots;
  texts: string[];
  asked: number;
}

const slotQuestions: Record<string, string> = {
  topic: 'Worum soll es gehen (zum Beispiel MEP, Förderantrag, technisches Konzept, Roll-Out-Plan)?',
  mode: 'Wie möchten Sie beraten werden: per Telefon, per Video oder vor Ort?',
  windows: 'Wann passt es Ihnen (zum Beispiel „Dienstag vormittags“ oder „ab 14.01. nachmittags“)?',
  schoolBoard: 'Für welchen Schulträger fragen Sie an?',
  participants: 'Wer nimmt teil (zum Beispiel Schulleitung, IT-Dienstleister)?',
};

/** What is still open, as it reads in the confirmation ("Noch offen sind: …"). */
const slotLabels: Record<string, string> = {
  topic: 'das Thema',
  mode: 'die Form der Beratung',
  windows: 'Ihre Wunschzeiten',
  schoolBoard: 'der Schulträger',
  participants: 'die Teilnehmenden',
};

/** Required for an advisor to act; participants are asked once but not insisted on. */
/** A follow-up answer without a known topic word: its first sentence is the topic, if it is one. */
function freeTopic(text: string): string | undefined {
  const first = text.split(/(?<=[.?!])\s|\n/)[0]!.trim();
  const isOnlyLogistics = extractMode(first) !== undefined || extractTimeWindows(first).length > 0 || cannotSupply.test(first);
  return !isOnlyLogistics && first.split(/\s+/).length >= 2 && first.length <= 120 ? first : undefined;
}

const requiredSlots = ['topic', 'mode', 'windows', 'schoolBoard'] as const;
const maxFollowUps = 2;

function missingSlots(slots: BookingSlots, includeOptional: boolean): string[] {
  const missing: string[] = requiredSlots.filter((slot) => (slot === 'windows' ? slots.windows.length === 0 : !slots[slot]));
  if (includeOptional && slots.participants.length === 0) missing.push('participants');
  return missing;
}

/**
 * Collects topic, format, preferred times, participants and school board in as few turns as the
 * requester allows (every answer may fill several at once), then creates the booking and its
 * `beratung` ticket. After two follow-up questions it books with what it has.
 */
export async function requestConsultation(context: TurnContext, state?: BookingState): Promise<HandledMessage> {
  const { message, deps } = context;
  const current: BookingState = state ?? { dialogue: 'booking', slots: { windows: [], participants: [] }, texts: [], asked: 0 };
  const master = await deps.tickets.matchMasterData(message.text);
  const slots: BookingSlots = {
    topic: current.slots.topic ?? extractTopic(message.text) ?? (current.asked > 0 ? freeTopic(message.text) : undefined),
    mode: extractMode(message.text) ?? current.slots.mode,
    windows: [...new Set([...current.slots.windows, ...extractTimeWindows(message.text)])],
    participants: [...new Set([...current.slots.participants, ...extractParticipants(message.text)])],
    schoolBoard: current.slots.schoolBoard ?? master.schoolBoard?.name ?? context.requester?.schoolBoardName,
    schoolBoardId: current.slots.schoolBoardId ?? master.schoolBoard?.id ?? context.requester?.schoolBoardId,
  };
  // An answer to "Für welchen Schulträger?" that is not in the master data is still the answer.
  if (!slots.schoolBoard && current.asked > 0 && current.slots.schoolBoard === undefined) {
    const named = /\b(Landkreis|Amt|Stadt|Gemeinde|Hansestadt|Landeshauptstadt|Schulverein|Schulstiftung|Verein|Träger)\s+[A-ZÄÖÜ][^,.;\n]{1,60}/.exec(message.text);
    if (named) slots.schoolBoard = named[0].trim();
  }
  const next: BookingState = { ...current, slots, texts: [...current.texts, message.text] };
  const missingRequired = missingSlots(slots, false);
  const giveUp = next.asked >= maxFollowUps || (next.asked > 0 && cannotSupply.test(message.text));
  if (missingRequired.length > 0 && !giveUp) {
    const toAsk = missingSlots(slots, next.asked === 0);
    await deps.tickets.saveConversationState(context.conversation, { ...next, asked: next.asked + 1 } as unknown as Record<string, unknown>);
    const known = [
      slots.topic ? `Thema: ${slots.topic}` : undefined,
      slots.mode ? `Form: ${bookingModeLabels[slots.mode]}` : undefined,
      slots.windows.length > 0 ? `Zeit: ${slots.windows.join(', ')}` : undefined,
    ].filter(Boolean);
    return {
      intent: 'booking',
      replies: [
        {
          text: `Gern vermittle ich Ihnen eine Beratung durch das Sachgebiet Schul-IT.${known.length > 0 ? ` Notiert habe ich: ${known.join('; ')}.` : ''} Dafür brauche ich noch: ${toAsk.map((slot) => slotQuestions[slot]).join(' ')}`,
          citations: [],
          suggestedActions: [],
        },
      ],
    };
  }

  const missingFacts = missingSlots(slots, false);
  const { ticket, booking } = await deps.tickets.createBooking({
    channel: message.channel,
    requester: requesterOf(context),
    topic: slots.topic ?? 'Beratung (Thema noch offen)',
    mode: slots.mode,
    preferredWindows: slots.windows,
    participants: slots.participants,
    schoolBoardId: slots.schoolBoardId,
    text: next.texts.join('\n\n'),
    missingFacts,
    conversationId: context.conversation.id,
  });
  await deps.tickets.saveConversationState(context.conversation, null);
  const confirmation = ticketConfirmation(ticket, missingFacts.map((slot) => slotLabels[slot]!));
  const summary = [
    `Thema: ${slots.topic ?? 'noch offen'}`,
    `Form: ${slots.mode ? bookingModeLabels[slots.mode] : 'noch offen'}`,
    `Wunschzeiten: ${slots.windows.length > 0 ? slots.windows.join(', ') : 'noch offen'}`,
    ...(slots.participants.length > 0 ? [`Teilnehmende: ${germanList(slots.participants)}`] : []),
    ...(slots.schoolBoard ? [`Schulträger: ${slots.schoolBoard}`] : []),
  ].join('\n');
  return {
    intent: 'booking',
    triage: { category: ticket.category, priority: ticket.priority },
    ticket: confirmation.ticket,
    booking,
    replies: [
      {
        ...confirmation,
        text: `Ihre Beratungsanfrage ist eingegangen; eine Beraterin oder ein Berater übernimmt sie und bestätigt Ihnen den Termin mit einer Kalendereinladung.\n\n${summary}\n\n${confirmation.text}`,
        booking,
      },
    ],
  };
}
