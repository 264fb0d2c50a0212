import { triageRequest, type MasterDataMatch, type RequesterProfile, type TicketSummary } from '../../tickets/index.ts';
import type { TicketCategory } from '../../vocabulary/index.ts';
import { composeMailReply, mailAcknowledgement, mailCreated } from '../compose-mail-reply.ts';
import { ticketConfirmation } from '../ticket-confirmation.ts';
import { requesterOf, type TurnContext } from '../turn-context.ts';
import type { HandledMessage, Reply } from '../types.ts';
import { askForMissing, mergeFacts, shouldAskAgain } from './ask-for-missing.ts';
import { saveDialogueState, type FactDialogueState } from './dialogue-state.ts';
import { offerDialogue } from './offer-dialogue.ts';
import { ropChangeDialogue } from './rop-change-dialogue.ts';

/** A dialogue that collects the facts of one kind of request before (or, by mail, while) it is a ticket. */
export interface FactDialogue<Facts extends object> {
  kind: FactDialogueState['dialogue'];
  category: TicketCategory;
  /** "Damit … bearbeiten kann": the first half of the follow-up question. */
  intro: string;
  /** What each missing fact is called in the follow-up question. */
  labels: Record<string, string>;
  empty(): Facts;
  extract(text: string, master: MasterDataMatch): Facts;
  missing(facts: Facts): string[];
  subject(facts: Facts): string;
  /** Facts the requester's master data already supplies. */
  knownFromRequester?(facts: Facts, requester: RequesterProfile | null): Facts;
}

type AnyFactDialogue = FactDialogue<object>;

function dialogueOf(kind: FactDialogueState['dialogue']): AnyFactDialogue {
  return (kind === 'rop_change' ? ropChangeDialogue : offerDialogue) as AnyFactDialogue;
}

/** Reads the facts of the current message into the state. */
async function absorb(context: TurnContext, state: FactDialogueState) {
  const dialogue = dialogueOf(state.dialogue);
  const master = await context.deps.tickets.matchMasterData({ text: context.message.text });
  const merged = mergeFacts<object>(state.facts, dialogue.extract(context.message.text, master));
  const facts = dialogue.knownFromRequester ? dialogue.knownFromRequester(merged, context.requester) : merged;
  const next = { ...state, facts, schoolBoardId: state.schoolBoardId ?? master.schoolBoard?.id, texts: [...state.texts, context.message.text] } as FactDialogueState;
  return { dialogue, next, missing: dialogue.missing(facts) };
}

/** Starts collecting the facts of a ROP change or an offer request. */
export function startFactDialogue(context: TurnContext, kind: FactDialogueState['dialogue'], leading: Reply[] = []): Promise<HandledMessage> {
  const state = { dialogue: kind, facts: dialogueOf(kind).empty(), texts: [], asked: 0 } as FactDialogueState;
  return continueFactDialogue(context, state, leading);
}

/**
 * In chat and Teams: asks for what is missing (at most `maxFollowUps` times), then opens the ticket.
 * By mail: opens the ticket at once (a mail always reaches a person) and its acknowledgement asks
 * for what is missing; the requester's reply fills it in (`continueFactDialogueByMail`).
 */
export async function continueFactDialogue(context: TurnContext, state: FactDialogueState, leading: Reply[] = []): Promise<HandledMessage> {
  const { dialogue, next, missing } = await absorb(context, state);
  const isAsking = shouldAskAgain({ missing, asked: next.asked, text: context.message.text });
  if (context.mail) return openWithFacts(context, next, missing, leading, isAsking);
  if (!isAsking) return openWithFacts(context, next, missing, leading, false);
  await saveDialogueState(context, { ...next, asked: next.asked + 1 });
  const preview = triageRequest({ text: next.texts.join('\n'), categoryHint: dialogue.category });
  // The intent is the ticket; it opens once the facts are in (or known to be missing).
  return {
    intent: 'ticket',
    triage: { category: preview.category, priority: preview.priority },
    replies: [...leading, askForMissing({ intro: dialogue.intro, missingLabels: missing.map((key) => dialogue.labels[key] ?? key) })],
  };
}

async function openWithFacts(context: TurnContext, state: FactDialogueState, missing: string[], leading: Reply[], isAsking: boolean): Promise<HandledMessage> {
  const { message, deps } = context;
  const dialogue = dialogueOf(state.dialogue);
  const missingLabels = missing.map((key) => dialogue.labels[key] ?? key);
  const question = isAsking ? [askForMissing({ intro: dialogue.intro, missingLabels, isMail: true })] : [];
  const confirm = (ticket: TicketSummary) => ticketConfirmation({ ticket, missingLabels: isAsking ? [] : missingLabels, channel: message.channel, isProven: message.sender.isProven === true });
  const text = state.texts.join('\n\n');
  const ticket = await deps.tickets.createTicket({
    channel: message.channel,
    subject: context.mail?.subject || dialogue.subject(state.facts),
    text: context.mail?.note ? `${text}\n\n${context.mail.note}` : text,
    requester: requesterOf(context),
    triage: triageRequest({ text, categoryHint: dialogue.category }),
    facts: { ...state.facts },
    missingFacts: missing,
    schoolBoardId: state.schoolBoardId ?? context.requester?.schoolBoard?.id,
    conversationId: context.conversation.id,
    ...mailAcknowledgement(context, (created) => [...leading, confirm(created), ...question]),
  });
  await saveDialogueState(context, isAsking ? { ...state, asked: state.asked + 1, ticketNumber: ticket.number } : null);
  return {
    intent: 'ticket',
    triage: { category: ticket.category, priority: ticket.priority },
    ticket: { number: ticket.number, category: ticket.category, priority: ticket.priority, status: ticket.status },
    replies: [...leading, confirm(ticket), ...question],
    ...mailCreated(context, ticket.number),
  };
}

/**
 * A requester's reply by mail to a ticket whose facts are still being collected: the reply joins the
 * ticket, its facts are merged in (one transaction), and the answer mail thanks them or asks for the
 * rest, at most `maxFollowUps` times in all.
 */
export async function continueFactDialogueByMail(context: TurnContext, state: FactDialogueState & { ticketNumber: string }, appendOptions: { reply: boolean }): Promise<HandledMessage> {
  const { message, deps } = context;
  const { dialogue, next, missing } = await absorb(context, state);
  const isAsking = shouldAskAgain({ missing, asked: next.asked, text: message.text });
  const plan = context.mail?.reply;
  const answer: Reply = isAsking
    ? askForMissing({ intro: `Vielen Dank für Ihre Angaben. ${dialogue.intro}`, missingLabels: missing.map((key) => dialogue.labels[key] ?? key), isMail: true })
    : { text: missing.length === 0 ? 'Vielen Dank, damit sind Ihre Angaben vollständig. Das Sachgebiet Schul-IT bearbeitet Ihr Anliegen und meldet sich bei Ihnen.' : 'Vielen Dank für Ihre Nachricht. Das Sachgebiet Schul-IT bearbeitet Ihr Anliegen mit den vorliegenden Angaben und fragt bei Bedarf nach.', citations: [], suggestedActions: [] };
  const mail = message.mail!;
  await deps.tickets.addTicketMessage({
    ticketNumber: state.ticketNumber,
    direction: 'in',
    channel: 'email',
    text: message.text,
    originalText: mail.fullText,
    author: { type: 'requester', id: context.requester?.id, name: message.sender.name, email: message.sender.email },
    externalId: mail.messageId,
    dedupe: { channel: 'email', externalId: mail.messageId },
    attachments: mail.attachments.length > 0 ? mail.attachments : undefined,
    factsUpdate: { facts: { ...next.facts }, missingFacts: missing },
    queueMail: appendOptions.reply && plan ? { domain: deps.mail.messageIdDomain, mail: composeMailReply({ plan, ticketNumber: state.ticketNumber, replies: [answer] }) } : undefined,
  });
  await saveDialogueState(context, isAsking ? { ...next, asked: next.asked + 1 } : null);
  return { intent: 'ticket', replies: [answer], mail: { outcome: 'appended', ticketNumber: state.ticketNumber, acknowledged: appendOptions.reply && Boolean(plan) } };
}
