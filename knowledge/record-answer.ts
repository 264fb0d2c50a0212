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

/** "Hat das geholfen?": stores the requester's verdict on the answer's evidence record. */
export async function recordAnswerFeedback({ prisma, answerId, isHelpful }: { prisma: PrismaClient; answerId: string; isHelpful: boolean }): Promise<boolean> {
  const { count } = await prisma.answer.updateMany({ where: { id: answerId }, data: { isHelpful } });
  return count > 0;
}
