import type { PrismaClient } from '../prisma/client.ts';

/**
 * The advisor a verified Teams SSO identity belongs to: by Entra object id, else (first sign-in)
 * by the sign-in address of an account not yet bound to an object id, which is then bound.
 */
export async function findAdvisorByTeamsIdentity({ prisma, objectId, email }: { prisma: PrismaClient; objectId: string; email?: string }) {
  const bound = await prisma.advisor.findFirst({ where: { teamsAadObjectId: objectId } });
  if (bound) return bound.isActive ? bound : null;
  if (!email) return null;
  const byEmail = await prisma.advisor.findFirst({ where: { email, isActive: true, teamsAadObjectId: null } });
  if (!byEmail) return null;
  return prisma.advisor.update({ where: { id: byEmail.id }, data: { teamsAadObjectId: objectId } });
}
