import type { PrismaClient } from '../prisma/client.ts';
import type { KnowledgeAnswer } from './knowledge-answer.ts';

export interface RecordAnswerOptions {
  prisma: PrismaClient;
  question: string;
  answer: KnowledgeAnswer;
  intent: string;
  conversationId?: string;
}

/** Stores the evidence of an answer: the question, the text, the chunks and the model. */
export async function recordAnswer({ prisma, question, answer, intent, conversationId }: RecordAnswerOptions): Promise<{ id: string }> {
  return prisma.answer.create({
    data: {
      conversationId,
      question,
      text: answer.text,
      intent,
      confidence: answer.confidence,
      model: answer.model,
      chunkIds: answer.chunkIds,
      isAbstention: answer.outcome !== 'answered',
    },
    select: { id: true },
  });
}
