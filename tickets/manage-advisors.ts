import { AppError } from '../errors.ts';
import type { AdvisorRole, PrismaClient } from '../prisma/client.ts';
import { addAdvisor, hashToken, newAdvisorToken } from './add-advisor.ts';

const advisorSelect = { id: true, name: true, email: true, role: true, topics: true, regions: true, isActive: true, teamsAadObjectId: true } as const;

export function listAllAdvisors({ prisma, includeInactive }: { prisma: PrismaClient; includeInactive: boolean }) {
  return prisma.advisor.findMany({ where: includeInactive ? {} : { isActive: true }, select: advisorSelect, orderBy: [{ isActive: 'desc' }, { name: 'asc' }] });
}

/** An admin adds a colleague; unlike the CLI, an existing email is refused instead of updated. */
export async function createAdvisor({ prisma, input }: { prisma: PrismaClient; input: { name: string; email: string; role?: AdvisorRole; teamsAadObjectId?: string } }) {
  const email = input.email.trim().toLowerCase();
  if ((await prisma.advisor.count({ where: { email } })) > 0) {
    throw new AppError('conflict', `Advisor exists: ${email}`, { german: `Unter ${email} gibt es bereits ein Konto. Ändern Sie es in der Liste.` });
  }
  const { advisor, token } = await addAdvisor({ prisma, name: input.name, email, role: input.role, teamsAadObjectId: input.teamsAadObjectId });
  return { advisor: await prisma.advisor.findUniqueOrThrow({ where: { id: advisor.id }, select: advisorSelect }), token };
}

export interface AdvisorChanges {
  name?: string;
  role?: AdvisorRole;
  isActive?: boolean;
  topics?: string[];
  regions?: string[];
  teamsAadObjectId?: string | null;
}

/**
 * Changes a colleague's account. The last active admin can neither be demoted nor deactivated,
 * so the workspace never loses its administration. Deactivating revokes all tokens.
 */
export async function updateAdvisor({ prisma, id, changes }: { prisma: PrismaClient; id: string; changes: AdvisorChanges }) {
  return prisma.$transaction(async (transaction) => {
    const advisor = await transaction.advisor.findUnique({ where: { id } });
    if (!advisor) throw new AppError('not_found', `Advisor ${id} not found`, { german: 'Dieses Konto gibt es nicht.' });
    const losesAdmin = advisor.role === 'admin' && advisor.isActive && (changes.role === 'advisor' || changes.isActive === false);
    if (losesAdmin && (await transaction.advisor.count({ where: { role: 'admin', isActive: true } })) <= 1) {
      throw new AppError('conflict', 'Cannot remove the last admin', { german: 'Das ist das letzte aktive Administrationskonto; legen Sie zuerst ein weiteres an.' });
    }
    try {
      await transaction.advisor.update({ where: { id }, data: { ...changes, ...(changes.name !== undefined ? { name: changes.name.trim() } : {}) } });
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') throw new AppError('conflict', 'Teams id in use', { german: 'Diese Teams-Kennung gehört bereits zu einem anderen Konto.' });
      throw error;
    }
    if (changes.isActive === false) await transaction.advisorToken.updateMany({ where: { advisorId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    return transaction.advisor.findUniqueOrThrow({ where: { id }, select: advisorSelect });
  });
}

/** A new sign-in token for an active colleague; shown once, stored as a hash. */
export async function issueAdvisorToken({ prisma, id }: { prisma: PrismaClient; id: string }) {
  const advisor = await prisma.advisor.findUnique({ where: { id } });
  if (!advisor || !advisor.isActive) throw new AppError('not_found', `Advisor ${id} not found or inactive`, { german: 'Dieses Konto gibt es nicht oder es ist deaktiviert.' });
  const token = newAdvisorToken();
  await prisma.advisorToken.create({ data: { advisorId: id, tokenHash: hashToken(token) } });
  return token;
}

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
