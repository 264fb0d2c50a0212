import { AppError } from '../errors.ts';
import type { PrismaClient } from '../prisma/client.ts';

/** Revokes one token of an advisor; the others stay valid. Revoking twice is harmless. */
export async function revokeAdvisorToken({ prisma, advisorId, tokenId, now = new Date() }: { prisma: PrismaClient; advisorId: string; tokenId: string; now?: Date }) {
  const token = await prisma.advisorToken.findFirst({ where: { id: tokenId, advisorId } });
  if (!token) throw new AppError('not_found', `Token ${tokenId} of advisor ${advisorId} not found`, { german: 'Diesen Zugang gibt es nicht.' });
  if (!token.revokedAt) await prisma.advisorToken.update({ where: { id: token.id }, data: { revokedAt: now } });
}
