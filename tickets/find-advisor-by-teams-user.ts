import type { AdvisorRole, PrismaClient } from '../prisma/client.ts';

export interface AdvisorIdentity {
  id: string;
  name: string;
  role: AdvisorRole;
}

/** The active advisor whose Teams (Entra) object id is on file, or null. */
export async function findAdvisorByTeamsUser({ prisma, aadObjectId }: { prisma: PrismaClient; aadObjectId: string }): Promise<AdvisorIdentity | null> {
  return prisma.advisor.findFirst({ where: { teamsAadObjectId: aadObjectId, isActive: true }, select: { id: true, name: true, role: true } });
}
