import type { PrismaClient } from '../prisma/client.ts';

export const advisorSelect = { id: true, name: true, email: true, role: true, topics: true, regions: true, isActive: true, teamsAadObjectId: true } as const;

export function listAllAdvisors({ prisma, includeInactive }: { prisma: PrismaClient; includeInactive: boolean }) {
  return prisma.advisor.findMany({ where: includeInactive ? {} : { isActive: true }, select: advisorSelect, orderBy: [{ isActive: 'desc' }, { name: 'asc' }] });
}
