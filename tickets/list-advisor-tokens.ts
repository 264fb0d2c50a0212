import type { PrismaClient } from '../prisma/client.ts';

/** An advisor's tokens, newest first, as admins and the advisor see them: never the token, only its prefix. */
export async function listAdvisorTokens({ prisma, advisorId, now = new Date() }: { prisma: PrismaClient; advisorId: string; now?: Date }) {
  const tokens = await prisma.advisorToken.findMany({
    where: { advisorId },
    select: { id: true, prefix: true, label: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
    orderBy: { createdAt: 'desc' },
  });
  return tokens.map((token) => ({ ...token, isValid: !token.revokedAt && (!token.expiresAt || token.expiresAt > now) }));
}
