import { answerQuestion } from './answer-question.ts';
import { classifyIntent, type IntentClassification } from './classify-intent.ts';
import type { EngineDeps } from './engine-deps.ts';
import { continueTicketDialogue, openTicket } from './open-ticket.ts';
import { reportStatus } from './report-status.ts';
import { requestConsultation } from './request-consultation.ts';
import type { TurnContext } from './turn-context.ts';
import type { HandledMessage, InboundMessage } from './types.ts';
import { classifyQuestionScope } from '../knowledge/question-scope.ts';

const greetingText =
  'Guten Tag! Ich bin der Schul-IT Assistent von eGo-MV. Ich beantworte Fragen zum DigitalPakt Schule in ' +
  'Mecklenburg-Vorpommern (Förderbeträge, Antrag beim LFI, MBK, MEP, Roll-Out-Plan), nehme Anliegen als Vorgang auf ' +
  'und vermittle Beratungstermine. Was kann ich für Sie tun?';

const clarifyText =
  'Ich habe Ihre Nachricht noch nicht ganz verstanden. Stellen Sie mir gern eine Frage (zum Beispiel „Ist WLAN förderfähig?“), ' +
  'schildern Sie Ihr Anliegen, damit ich einen Vorgang anlege, oder schreiben Sie „Beratung anfragen“.';

const cancelPattern = /^\s*(abbrechen|abbruch|stopp?|neu anfangen|von vorne|vergessen sie (es|das)|cancel)[\s!.]*$/i;

async function classify(text: string, deps: EngineDeps): Promise<IntentClassification> {
  const rules = classifyIntent(text);
  // Requests about foreign topics ("Bitte schicken Sie mir die Hundesteuer-Satzung") are not cases
  // for the Schul-IT team: they go down the question path, which refuses them.
  const offline: IntentClassification =
    (rules.intent === 'ticket' || rules.intent === 'booking') && classifyQuestionScope(text) === 'out_of_scope'
      ? { ...rules, intent: 'question', hasQuestion: true, questionText: text }
      : rules;
  if (!deps.classifyWithModel || offline.intent === 'greeting' || offline.intent === 'status') return offline;
  const modelResult = await deps.classifyWithModel(text).catch(() => null);
  if (!modelResult) return offline;
  // A model must not turn a foreign topic into a ticket or booking: those never open a case.
  if ((modelResult.intent === 'ticket' || modelResult.intent === 'booking') && classifyQuestionScope(text) === 'out_of_scope') return offline;
  return { ...offline, intent: modelResult.intent, hasQuestion: modelResult.hasQuestion || offline.hasQuestion, evidence: { method: 'model', matched: offline.evidence.matched } };
}

/** Merges an answer and a request (ticket) into one result: the answer first, then the confirmation. */
function combine(answer: HandledMessage, request: HandledMessage): HandledMessage {
  return { ...request, replies: [...answer.replies, ...request.replies] };
}

/**
 * The conversation engine: decides what an inbound message needs (continue an open dialogue,
 * answer, open a ticket, book a consultation, report a status) and returns the replies.
 */
export async function handleInboundMessage(message: InboundMessage, deps: EngineDeps): Promise<HandledMessage> {
  // A channel redelivering the same message (Teams retries slow turns) gets no second reply or ticket.
  if (message.externalId && !(await deps.tickets.markInboundProcessed(message.channel, message.externalId))) {
    return { intent: 'clarify', replies: [], isDuplicate: true };
  }
  const requester = await deps.tickets.identifyRequester({ email: message.sender.email, teamsId: message.sender.aadObjectId, name: message.sender.name });
  const conversation = await deps.tickets.loadConversation(message.channel, message.conversationKey, requester?.contactId);
  const context: TurnContext = { message, deps, conversation, requester };

  if (cancelPattern.test(message.text)) {
    if (conversation.state) await deps.tickets.saveConversationState(conversation, null);
    return {
      intent: 'clarify',
      replies: [{ text: conversation.state ? 'In Ordnung, ich habe den Vorgang abgebrochen. Wie kann ich Ihnen sonst helfen?' : 'Es ist gerade nichts offen. Wie kann ich Ihnen helfen?', citations: [], suggestedActions: [] }],
    };
  }

  const dialogue = conversation.state?.dialogue;
  const classification = await classify(message.text, deps);
  // A status question or a greeting does not end an open dialogue; anything else continues it.
  if (dialogue && classification.intent !== 'status') {
    if (dialogue === 'booking') return requestConsultation(context, conversation.state as never);
    if (dialogue === 'rop_change' || dialogue === 'offer') return continueTicketDialogue(context, conversation.state as never);
  }

  switch (classification.intent) {
    case 'greeting':
      return { intent: 'greeting', replies: [{ text: greetingText, citations: [], suggestedActions: [] }] };
    case 'status':
      return reportStatus(context);
    case 'booking': {
      const booking = await requestConsultation(context);
      if (!classification.hasQuestion) return booking;
      return combine(await answerQuestion({ message: { ...message, text: classification.questionText }, deps }), booking);
    }
    case 'ticket': {
      if (!classification.hasQuestion) return openTicket(context, classification.requestKind);
      const answer = await answerQuestion({ message: { ...message, text: classification.questionText }, deps });
      return combine(answer, await openTicket(context, classification.requestKind));
    }
    case 'clarify':
      return { intent: 'clarify', replies: [{ text: clarifyText, citations: [], suggestedActions: ['open_ticket', 'book_consultation'] }] };
    default:
      return answerQuestion({ message, deps });
  }
}
