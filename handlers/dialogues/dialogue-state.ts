import { z } from 'zod';
import type { TurnContext } from '../turn-context.ts';

const ropChangeFacts = z.object({
  schools: z.array(z.string()),
  dienststellennummern: z.array(z.string()),
  currentYear: z.number().int().optional(),
  requestedYear: z.number().int().optional(),
  reason: z.string().optional(),
});

const offerFacts = z.object({
  schoolBoard: z.string().optional(),
  schools: z.array(z.string()),
  schoolTypes: z.array(z.string()),
  pupilNumbers: z.array(z.number()),
  timeframe: z.string().optional(),
});

const bookingSlots = z.object({
  topic: z.string().optional(),
  mode: z.enum(['telefon', 'video', 'vor_ort']).optional(),
  windows: z.array(z.string()),
  participants: z.array(z.string()),
  schoolBoard: z.string().optional(),
  schoolBoardId: z.string().optional(),
});

const progress = {
  /** The requester's messages so far; the ticket's first message is their sum. */
  texts: z.array(z.string()),
  /** Follow-up questions asked so far. */
  asked: z.number().int().min(0),
  /** Over mail the ticket opens at once; later replies fill its facts in. */
  ticketNumber: z.string().optional(),
};

const dialogueStateSchema = z.discriminatedUnion('dialogue', [
  z.object({ dialogue: z.literal('rop_change'), facts: ropChangeFacts, schoolBoardId: z.string().optional(), ...progress }),
  z.object({ dialogue: z.literal('offer'), facts: offerFacts, schoolBoardId: z.string().optional(), ...progress }),
  z.object({ dialogue: z.literal('booking'), slots: bookingSlots, ...progress }),
]);

export type DialogueState = z.infer<typeof dialogueStateSchema>;
export type FactDialogueState = Extract<DialogueState, { dialogue: 'rop_change' | 'offer' }>;
export type BookingDialogueState = Extract<DialogueState, { dialogue: 'booking' }>;
export type RopChangeFacts = z.infer<typeof ropChangeFacts>;
export type OfferFacts = z.infer<typeof offerFacts>;
export type BookingSlots = z.infer<typeof bookingSlots>;

/**
 * The open dialogue of a conversation, parsed: a stored state that no longer fits the schema
 * (written by an older version, or damaged) counts as no dialogue rather than a crash.
 */
export function readDialogueState(state: Record<string, unknown> | null): DialogueState | null {
  if (!state) return null;
  const parsed = dialogueStateSchema.safeParse(state);
  return parsed.success ? parsed.data : null;
}

/** Saves (or, with null, ends) the dialogue of the turn's conversation. */
export async function saveDialogueState(context: TurnContext, state: DialogueState | null): Promise<void> {
  await context.deps.tickets.saveConversationState({ conversation: context.conversation, state });
}
