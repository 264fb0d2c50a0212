import type { PrismaClient } from '../prisma/client.ts';
import { hashToken } from './add-advisor.ts';

/** The advisor a bearer token belongs to, if it is valid (not revoked, advisor active). */
export async function findAdvisorByToken({ prisma, token }: { prisma: PrismaClient; token: string }) {
  const stored = await prisma.advisorToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { advisor: true } });
  if (!stored || stored.revokedAt || !stored.advisor.isActive) return null;
  await prisma.advisorToken.update({ where: { id: stored.id }, data: { lastUsedAt: new Date() } });
  return stored.advisor;
}
