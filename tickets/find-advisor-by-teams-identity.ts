import type { PrismaClient } from '../prisma/client.ts';

/**
 * The advisor a verified Teams SSO identity belongs to: by the Entra object id an admin recorded
 * for the account. Binding on first sign-in by the sign-in address (`preferred_username`/`upn`,
 * which Microsoft documents as mutable and not for authorisation) happens only when the operator
 * opted in with `bindByEmail`, and only for an account not yet bound.
 */
export async function findAdvisorByTeamsIdentity({ prisma, objectId, email, bindByEmail = false }: { prisma: PrismaClient; objectId: string; email?: string; bindByEmail?: boolean }) {
  const bound = await prisma.advisor.findFirst({ where: { teamsAadObjectId: objectId } });
  if (bound) return bound.isActive ? bound : null;
  if (!bindByEmail || !email) return null;
  const byEmail = await prisma.advisor.findFirst({ where: { email: email.toLowerCase(), isActive: true, teamsAadObjectId: null } });
  if (!byEmail) return null;
  return prisma.advisor.update({ where: { id: byEmail.id }, data: { teamsAadObjectId: objectId } });
}
