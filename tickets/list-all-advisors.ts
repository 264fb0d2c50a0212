import type { PrismaClient } from '../prisma/client.ts';

/** An advisor as colleagues see them; the Teams object id is for admins only (see `listAllAdvisors`). */
export const advisorSelect = { id: true, name: true, email: true, role: true, topics: true, regions: true, isActive: true, teamsAadObjectId: true } as const;

export async function listAllAdvisors({ prisma, includeInactive, includeTeamsIdentity = false }: { prisma: PrismaClient; includeInactive: boolean; includeTeamsIdentity?: boolean }) {
  const advisors = await prisma.advisor.findMany({ where: includeInactive ? {} : { isActive: true }, select: advisorSelect, orderBy: [{ isActive: 'desc' }, { name: 'asc' }] });
  // The object id is what Teams sign-in and card actions bind to: not for every colleague's eyes.
  return advisors.map(({ teamsAadObjectId, ...advisor }) => (includeTeamsIdentity ? { ...advisor, teamsAadObjectId } : advisor));
}
