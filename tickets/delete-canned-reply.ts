import { AppError } from '../errors.ts';
import type { PrismaClient } from '../prisma/client.ts';

export async function deleteCannedReply({ prisma, id }: { prisma: PrismaClient; id: string }) {
  const { count } = await prisma.cannedReply.deleteMany({ where: { id } });
  if (count === 0) throw new AppError('not_found', `Canned reply ${id} not found`, { german: 'Diese Textvorlage gibt es nicht.' });
}
