import type { AdvisorRole, PrismaClient } from '../prisma/client.ts';
import { addAdvisor } from './add-advisor.ts';
import { advisorSelect } from './list-all-advisors.ts';

/** An admin adds a colleague (an existing address is refused) and receives the first token once. */
export async function createAdvisor({ prisma, input, tokenTtlDays }: { prisma: PrismaClient; input: { name: string; email: string; role?: AdvisorRole; teamsAadObjectId?: string }; tokenTtlDays?: number }) {
  const { advisor, token, expiresAt } = await addAdvisor({ prisma, name: input.name, email: input.email, role: input.role, teamsAadObjectId: input.teamsAadObjectId, tokenTtlDays });
  return { advisor: await prisma.advisor.findUniqueOrThrow({ where: { id: advisor.id }, select: advisorSelect }), token, expiresAt };
}
