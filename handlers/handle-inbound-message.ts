import { classifyQuestionScope } from '../knowledge/question-scope.ts';
import { isDuplicateDelivery } from '../tickets/index.ts';
import { answerQuestion } from './answer-question.ts';
import { applyMailPolicy } from './apply-mail-policy.ts';
import { classifyOffline, type IntentClassification } from './classify-intent.ts';
import { continueBookingDialogue } from './dialogues/booking-dialogue.ts';
import { continueFactDialogue } from './dialogues/collect-ticket-facts.ts';
import { readDialogueState, saveDialogueState, type DialogueState } from './dialogues/dialogue-state.ts';
import type { EngineDeps } from './engine-deps.ts';
import { openTicket } from './open-ticket.ts';
import { reportStatus } from './report-status.ts';
import { loadTurnContext, type TurnContext } from './turn-context.ts';
import type { HandledMessage, InboundMessage, Reply } from './types.ts';

const greetingText =
  'Guten Tag! Ich bin der Schul-IT Assistent von eGo-MV. Ich beantworte Fragen zum DigitalPakt Schule in ' +
  'Mecklenburg-Vorpommern (Förderbeträge, Antrag beim LFI, MBK, MEP, Roll-Out-Plan), nehme Anliegen als Vorgang auf ' +
  'und vermittle Beratungstermine. Was kann ich für Sie tun?';

const thanksText = 'Gern geschehen! Wenn noch etwas offen ist, schreiben Sie mir einfach.';

const clarifyText =
  'Ich habe Ihre Nachricht noch nicht ganz verstanden. Stellen Sie mir gern eine Frage (zum Beispiel „Ist WLAN förderfähig?“), ' +
  'schildern Sie Ihr Anliegen, damit ich einen Vorgang anlege, oder schreiben Sie „Beratung anfragen“.';

const cancelPattern = /^\s*(abbrechen|abbruch|stopp?|neu anfangen|von vorne|vergessen sie (es|das)|cancel)[\s!.]*$/i;

const textReply = (text: string, suggestedActions: Reply['suggestedActions'] = []): Reply => ({ text, citations: [], suggestedActions });

/**
 * The engine's one entry point for every channel: mail passes its policy first (machine mail,
 * follow-ups, the daily cap), chat and Teams their redelivery guard; then one turn decides what the
 * message needs.
 */
export async function handleInboundMessage(received: InboundMessage, deps: EngineDeps): Promise<HandledMessage> {
  const message = withoutNulCharacters(received);
  if (message.mail) {
    const decision = await applyMailPolicy(message, message.mail, deps);
    if (decision.kind === 'handled') return decision.handled;
    try {
      return await runTurn(message, deps, decision.mail);
    } catch (error) {
      // The same mail delivered twice at once: the other delivery's ticket holds the dedupe record.
      if (isDuplicateDelivery(error)) return { intent: 'clarify', replies: [], isDuplicate: true, mail: { outcome: 'duplicate' } };
      throw error;
    }
  }
  if (!message.externalId) return runTurn(message, deps);
  // A channel redelivering the same message (Teams retries slow turns) gets no second reply or ticket.
  const delivery = { channel: message.channel, externalId: message.externalId };
  if (!(await deps.tickets.markInboundProcessed(delivery))) return { intent: 'clarify', replies: [], isDuplicate: true };
  try {
    return await runTurn(message, deps);
  } catch (error) {
    // A turn that failed midway is forgotten, so the redelivery is handled instead of dropped.
    await deps.tickets.releaseInboundMessage(delivery).catch(() => undefined);
    throw error;
  }
}

const nul = /\u0000/g;

/**
 * PostgreSQL text cannot hold the NUL character, so a chat or Teams message carrying one failed its
 * turn with an internal error. It is dropped here, once for every channel (mail parsing drops it too).
 */
function withoutNulCharacters(message: InboundMessage): InboundMessage {
  const clean = <T extends string | undefined>(value: T): T => value?.replace(nul, '') as T;
  return {
    ...message,
    text: clean(message.text),
    conversationKey: clean(message.conversationKey),
    externalId: clean(message.externalId),
    sender: { ...message.sender, id: clean(message.sender.id), name: clean(message.sender.name) },
  };
}

async function runTurn(message: InboundMessage, deps: EngineDeps, mail?: TurnContext['mail']): Promise<HandledMessage> {
  const context = await loadTurnContext(message, deps, mail);
  const state = readDialogueState(context.conversation.state);
  if (!mail && cancelPattern.test(message.text)) return cancelDialogue(context, state);

  const classification = await classify(message.text, deps);
  // A status question does not end an open dialogue; anything else continues it.
  if (state && !mail && classification.intent !== 'status') return continueDialogue(context, state);
  const handled = await respond(context, classification);
  // A person's mail to the team always reaches a person, whatever else the engine answered.
  if (mail && !handled.ticket) return openTicket(context, 'general', handled.answerOutcome === 'answered' ? handled.replies : []);
  return handled;
}

async function cancelDialogue(context: TurnContext, state: DialogueState | null): Promise<HandledMessage> {
  if (!state) return { intent: 'clarify', replies: [textReply('Es ist gerade nichts offen. Wie kann ich Ihnen helfen?')] };
  await saveDialogueState(context, null);
  return { intent: 'clarify', replies: [textReply('In Ordnung, ich habe Ihre Angaben verworfen; es wurde nichts angelegt. Wie kann ich Ihnen sonst helfen?')] };
}

function continueDialogue(context: TurnContext, state: DialogueState): Promise<HandledMessage> {
  return state.dialogue === 'booking' ? continueBookingDialogue(context, state) : continueFactDialogue(context, state);
}

/** Rules first; a configured model may refine the intent, but never turn a foreign topic into a case. */
async function classify(text: string, deps: EngineDeps): Promise<IntentClassification> {
  const offline = classifyOffline(text);
  const isForeign = () => classifyQuestionScope(text) === 'out_of_scope';
  if (!deps.classifyWithModel || offline.intent === 'greeting' || offline.intent === 'status') return offline;
  const modelResult = await deps.classifyWithModel(text).catch(() => null);
  if (!modelResult) return offline;
  if ((modelResult.intent === 'ticket' || modelResult.intent === 'booking') && isForeign()) return offline;
  return { ...offline, intent: modelResult.intent, hasQuestion: modelResult.hasQuestion || offline.hasQuestion, evidence: { method: 'model', matched: offline.evidence.matched } };
}

/** The answer to the question part of a request, when the message has one. */
async function leadingAnswer(context: TurnContext, classification: IntentClassification): Promise<Reply[]> {
  if (!classification.hasQuestion) return [];
  const answer = await answerQuestion(context, classification.questionText);
  // By mail only a real answer goes into the acknowledgement; "I found nothing" would only confuse.
  return context.mail && answer.answerOutcome !== 'answered' ? [] : answer.replies;
}

async function respond(context: TurnContext, classification: IntentClassification): Promise<HandledMessage> {
  switch (classification.intent) {
    case 'greeting':
      // Thanks get a short answer, not the introduction again.
      return { intent: 'greeting', replies: [textReply(/^\s*(danke|vielen dank|herzlichen dank|besten dank|super,? danke|dankesch)/i.test(context.message.text) ? thanksText : greetingText)] };
    case 'status':
      return reportStatus(context);
    case 'booking':
      return continueBookingDialogue(context, undefined, await leadingAnswer(context, classification));
    case 'ticket':
      return openTicket(context, classification.requestKind, await leadingAnswer(context, classification));
    case 'clarify':
      return { intent: 'clarify', replies: [textReply(clarifyText, ['open_ticket', 'book_consultation'])] };
    default:
      // The question part the rules found (a model may call a mixed message a plain question).
      return answerQuestion(context, classification.questionText);
  }
}
