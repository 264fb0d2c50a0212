import { AppError } from '../errors.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { type CannedReplyInput, checkBody, duplicateTitle } from './canned-reply-rules.ts';

export async function updateCannedReply({ prisma, id, input }: { prisma: PrismaClient; id: string; input: Partial<CannedReplyInput> }) {
  if (input.body !== undefined) checkBody(input.body);
  try {
    const { count } = await prisma.cannedReply.updateMany({ where: { id }, data: input });
    if (count === 0) throw new AppError('not_found', `Canned reply ${id} not found`, { german: 'Diese Textvorlage gibt es nicht.' });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') duplicateTitle(input.title ?? '');
    throw error;
  }
  return prisma.cannedReply.findUniqueOrThrow({ where: { id }, select: { id: true, title: true, body: true, category: true, updatedAt: true } });
}
