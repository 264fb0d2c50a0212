import { answerQuestion } from './answer-question.ts';
import type { EngineDeps } from './engine-deps.ts';
import type { HandledMessage, InboundMessage } from './types.ts';

const greetingOnly = /^\s*(hallo|hi|hey|moin|servus|guten (tag|morgen|abend)|grüß gott|danke( schön| sehr)?|vielen dank)[\s!.,]*$/i;

const greetingText =
  'Guten Tag! Ich bin der Schul-IT Assistent von eGo-MV. Ich beantworte Fragen zum DigitalPakt Schule in ' +
  'Mecklenburg-Vorpommern, etwa zu Förderbeträgen, zum Antrag beim LFI, zu MBK, MEP und Roll-Out-Plan. ' +
  'Was möchten Sie wissen?';

/** The conversation engine: decides what an inbound message needs and returns the replies. */
export async function handleInboundMessage(message: InboundMessage, deps: EngineDeps): Promise<HandledMessage> {
  if (greetingOnly.test(message.text)) {
    return { intent: 'greeting', replies: [{ text: greetingText, citations: [], suggestedActions: [] }] };
  }
  return answerQuestion({ message, deps });
}
