import type { PrismaClient } from '../prisma/client.ts';
import { checkBody, duplicateTitle, type CannedReplyInput } from './canned-reply-rules.ts';

export async function createCannedReply({ prisma, input, advisorId }: { prisma: PrismaClient; input: CannedReplyInput; advisorId: string }) {
  checkBody(input.body);
  try {
    return await prisma.cannedReply.create({ data: { title: input.title, body: input.body, category: input.category ?? null, createdById: advisorId }, select: { id: true, title: true, body: true, category: true, updatedAt: true } });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') duplicateTitle(input.title);
    throw error;
  }
}
