import type { PrismaClient } from '../prisma/client.ts';

/** An advisor's name and address for a personal notice; null when the account is gone or deactivated. */
export async function findActiveAdvisor({ prisma, advisorId }: { prisma: PrismaClient; advisorId: string }): Promise<{ name: string; email: string } | null> {
  return prisma.advisor.findFirst({ where: { id: advisorId, isActive: true }, select: { name: true, email: true } });
}
