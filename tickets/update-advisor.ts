import { AppError } from '../errors.ts';
import type { AdvisorRole, PrismaClient } from '../prisma/client.ts';
import { advisorSelect } from './list-all-advisors.ts';

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
