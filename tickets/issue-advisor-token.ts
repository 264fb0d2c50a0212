import { AppError } from '../errors.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { createAdvisorToken, defaultTokenTtlDays, type IssuedToken } from './add-advisor.ts';

/** A further sign-in token for an active colleague (other tokens stay valid); shown once, stored as a hash. */
export async function issueAdvisorToken({ prisma, id, ttlDays = defaultTokenTtlDays, label }: { prisma: PrismaClient; id: string; ttlDays?: number; label?: string }): Promise<IssuedToken> {
  const advisor = await prisma.advisor.findUnique({ where: { id } });
  if (!advisor || !advisor.isActive) throw new AppError('not_found', `Advisor ${id} not found or inactive`, { german: 'Dieses Konto gibt es nicht oder es ist deaktiviert.' });
  return createAdvisorToken({ prisma, advisorId: id, ttlDays, label });
}
