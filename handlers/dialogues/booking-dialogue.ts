import { bookingModeLabels } from '../../vocabulary/index.ts';
import { mailAcknowledgement, mailCreated } from '../compose-mail-reply.ts';
import { extractMode, extractParticipants, extractTimeWindows, extractTopic } from '../extract-slots.ts';
import { ticketConfirmation } from '../ticket-confirmation.ts';
import { cannotSupply, germanList, requesterOf, type TurnContext } from '../turn-context.ts';
import type { HandledMessage, Reply } from '../types.ts';
import { shouldAskAgain } from './ask-for-missing.ts';
import { saveDialogueState, type BookingDialogueState, type BookingSlots } from './dialogue-state.ts';

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
const requiredSlots = ['topic', 'mode', 'windows', 'schoolBoard'] as const;

function missingSlots(slots: BookingSlots, includeOptional: boolean): string[] {
  const missing: string[] = requiredSlots.filter((slot) => (slot === 'windows' ? slots.windows.length === 0 : !slots[slot]));
  if (includeOptional && slots.participants.length === 0) missing.push('participants');
  return missing;
}

/** A follow-up answer without a known topic word: its first sentence is the topic, if it is one. */
function freeTopic(text: string): string | undefined {
  const first = text.split(/(?<=[.?!])\s|\n/)[0]!.trim();
  const isOnlyLogistics = extractMode(first) !== undefined || extractTimeWindows(first).length > 0 || cannotSupply.test(first);
  return !isOnlyLogistics && first.split(/\s+/).length >= 2 && first.length <= 120 ? first : undefined;
}

/** An answer to "Für welchen Schulträger?" that is not in the master data is still the answer. */
function namedSchoolBoard(text: string): string | undefined {
  return /\b(Landkreis|Amt|Stadt|Gemeinde|Hansestadt|Landeshauptstadt|Schulverein|Schulstiftung|Verein|Träger)\s+[A-ZÄÖÜ][^,.;\n]{1,60}/.exec(text)?.[0].trim();
}

async function fillSlots(context: TurnContext, current: BookingDialogueState): Promise<BookingSlots> {
  const { message, deps, requester } = context;
  const master = await deps.tickets.matchMasterData({ text: message.text });
  const isAnswer = current.asked > 0;
  return {
    topic: current.slots.topic ?? extractTopic(message.text) ?? (isAnswer ? freeTopic(message.text) : undefined),
    mode: extractMode(message.text) ?? current.slots.mode,
    windows: [...new Set([...current.slots.windows, ...extractTimeWindows(message.text)])],
    participants: [...new Set([...current.slots.participants, ...extractParticipants(message.text)])],
    schoolBoard: current.slots.schoolBoard ?? master.schoolBoard?.name ?? requester?.schoolBoard?.name ?? (isAnswer ? namedSchoolBoard(message.text) : undefined),
    schoolBoardId: current.slots.schoolBoardId ?? master.schoolBoard?.id ?? requester?.schoolBoard?.id,
  };
}

/**
 * Collects topic, format, preferred times, participants and school board in as few turns as the
 * requester allows (every answer may fill several at once), then creates the booking and its
 * `beratung` ticket. After two follow-up questions it books with what it has; by mail it books at
 * once, and the acknowledgement names what is still open.
 */
export async function continueBookingDialogue(context: TurnContext, state?: BookingDialogueState, leading: Reply[] = []): Promise<HandledMessage> {
  const current: BookingDialogueState = state ?? { dialogue: 'booking', slots: { windows: [], participants: [] }, texts: [], asked: 0 };
  const slots = await fillSlots(context, current);
  const next: BookingDialogueState = { ...current, slots, texts: [...current.texts, context.message.text] };
  const missingRequired = missingSlots(slots, false);
  if (context.mail || !shouldAskAgain({ missing: missingRequired, asked: next.asked, text: context.message.text })) return book(context, next, leading);
  await saveDialogueState(context, { ...next, asked: next.asked + 1 });
  const known = [
    slots.topic ? `Thema: ${slots.topic}` : undefined,
    slots.mode ? `Form: ${bookingModeLabels[slots.mode]}` : undefined,
    slots.windows.length > 0 ? `Zeit: ${slots.windows.join(', ')}` : undefined,
  ].filter(Boolean);
  const toAsk = missingSlots(slots, next.asked === 0);
  return {
    intent: 'booking',
    triage: { category: 'beratung', priority: 'normal' },
    replies: [
      ...leading,
      {
        text: `Gern vermittle ich Ihnen eine Beratung durch das Sachgebiet Schul-IT.${known.length > 0 ? ` Notiert habe ich: ${known.join('; ')}.` : ''} Dafür brauche ich noch: ${toAsk.map((slot) => slotQuestions[slot]).join(' ')}`,
        citations: [],
        suggestedActions: [],
      },
    ],
  };
}

function summaryOf(slots: BookingSlots): string {
  return [
    `Thema: ${slots.topic ?? 'noch offen'}`,
    `Form: ${slots.mode ? bookingModeLabels[slots.mode] : 'noch offen'}`,
    `Wunschzeiten: ${slots.windows.length > 0 ? slots.windows.join(', ') : 'noch offen'}`,
    ...(slots.participants.length > 0 ? [`Teilnehmende: ${germanList(slots.participants)}`] : []),
    ...(slots.schoolBoard ? [`Schulträger: ${slots.schoolBoard}`] : []),
  ].join('\n');
}

async function book(context: TurnContext, state: BookingDialogueState, leading: Reply[]): Promise<HandledMessage> {
  const { message, deps } = context;
  const { slots } = state;
  const missingFacts = missingSlots(slots, false);
  const replyFor = (ticket: Parameters<typeof ticketConfirmation>[0]['ticket']): Reply => {
    const confirmation = ticketConfirmation({ ticket, missingLabels: missingFacts.map((slot) => slotLabels[slot]!), channel: message.channel, isProven: message.sender.isProven === true });
    return { ...confirmation, text: `Ihre Beratungsanfrage ist eingegangen; eine Beraterin oder ein Berater übernimmt sie und bestätigt Ihnen den Termin mit einer Kalendereinladung.\n\n${summaryOf(slots)}\n\n${confirmation.text}` };
  };
  const { ticket, booking } = await deps.tickets.createBooking({
    channel: message.channel,
    requester: requesterOf(context),
    topic: slots.topic ?? 'Beratung (Thema noch offen)',
    mode: slots.mode,
    preferredWindows: slots.windows,
    participants: slots.participants,
    schoolBoardId: slots.schoolBoardId,
    text: state.texts.join('\n\n'),
    missingFacts,
    conversationId: context.conversation.id,
    mail: mailAcknowledgement(context, (created) => [...leading, replyFor(created)]),
  });
  await saveDialogueState(context, null);
  const reply = replyFor(ticket);
  return {
    intent: 'booking',
    triage: { category: ticket.category, priority: ticket.priority },
    ticket: reply.ticket,
    booking,
    replies: [...leading, { ...reply, booking }],
    ...mailCreated(context, ticket.number),
  };
}
