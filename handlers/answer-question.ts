import type { EngineDeps } from './engine-deps.ts';
import type { HandledMessage, InboundMessage, Reply } from './types.ts';

/** Answers a question from the knowledge base, records the evidence, and offers next steps. */
export async function answerQuestion({ message, deps }: { message: InboundMessage; deps: EngineDeps }): Promise<HandledMessage> {
  const answer = await deps.knowledge.answer(message.text);
  const intent = answer.outcome === 'out_of_scope' ? 'out_of_scope' : 'question';
  const { id } = await deps.recordAnswer({ question: message.text, answer, intent, conversationKey: message.conversationKey });
  const reply: Reply = {
    text: answer.text,
    citations: answer.citations.map(({ title, section, source, validFrom, validUntil }) => ({ title, section, source, validFrom, validUntil })),
    suggestedActions:
      answer.outcome === 'answered' ? ['feedback', 'open_ticket', 'book_consultation'] : answer.outcome === 'abstained' ? ['open_ticket', 'book_consultation'] : [],
    answerId: id,
  };
  return { intent, replies: [reply] };
}
