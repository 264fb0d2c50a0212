import { AppError } from '../errors.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { hashToken, newAdvisorToken } from './add-advisor.ts';

/** A new sign-in token for an active colleague; shown once, stored as a hash. */
export async function issueAdvisorToken({ prisma, id }: { prisma: PrismaClient; id: string }) {
  const advisor = await prisma.advisor.findUnique({ where: { id } });
  if (!advisor || !advisor.isActive) throw new AppError('not_found', `Advisor ${id} not found or inactive`, { german: 'Dieses Konto gibt es nicht oder es ist deaktiviert.' });
  const token = newAdvisorToken();
  await prisma.advisorToken.create({ data: { advisorId: id, tokenHash: hashToken(token) } });
  return token;
}
