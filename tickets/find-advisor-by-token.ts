import type { PrismaClient } from '../prisma/client.ts';
import { hashToken } from './add-advisor.ts';

/** The advisor a bearer token belongs to, if it is valid (not revoked, not expired, advisor active). */
export async function findAdvisorByToken({ prisma, token, now = new Date() }: { prisma: PrismaClient; token: string; now?: Date }) {
  const stored = await prisma.advisorToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { advisor: true } });
  if (!stored || stored.revokedAt || (stored.expiresAt && stored.expiresAt <= now) || !stored.advisor.isActive) return null;
  // "Last used" to the minute is enough, and spares a write on every request.
  if (!stored.lastUsedAt || now.getTime() - stored.lastUsedAt.getTime() > 60_000) {
    await prisma.advisorToken.update({ where: { id: stored.id }, data: { lastUsedAt: now } });
  }
  return stored.advisor;
}
