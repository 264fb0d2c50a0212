import type { TurnContext } from './turn-context.ts';
import type { HandledMessage, Reply } from './types.ts';

/** Answers a question from the knowledge base, records the evidence with its conversation, and offers next steps. */
export async function answerQuestion(context: TurnContext, question = context.message.text): Promise<HandledMessage> {
  const { deps, conversation } = context;
  const answer = await deps.knowledge.answer(question);
  const intent = answer.outcome === 'out_of_scope' ? 'out_of_scope' : 'question';
  const { id } = await deps.recordAnswer({ question, answer, intent, conversationId: conversation.id });
  const reply: Reply = {
    text: answer.text,
    citations: answer.citations.map(({ title, section, source, sourceLabel, sources, validFrom, validUntil }) => ({ title, section, source, sourceLabel, sources, validFrom, validUntil })),
    suggestedActions:
      answer.outcome === 'answered' ? ['feedback', 'open_ticket', 'book_consultation'] : answer.outcome === 'abstained' ? ['open_ticket', 'book_consultation'] : [],
    answerId: id,
  };
  return { intent, replies: [reply], answerOutcome: answer.outcome };
}
