import { AppError } from '../errors.ts';
import type { AdvisorRole, PrismaClient } from '../prisma/client.ts';
import { addAdvisor } from './add-advisor.ts';
import { advisorSelect } from './list-all-advisors.ts';

/** An admin adds a colleague; unlike the CLI, an existing email is refused instead of updated. */
export async function createAdvisor({ prisma, input }: { prisma: PrismaClient; input: { name: string; email: string; role?: AdvisorRole; teamsAadObjectId?: string } }) {
  const email = input.email.trim().toLowerCase();
  if ((await prisma.advisor.count({ where: { email } })) > 0) {
    throw new AppError('conflict', `Advisor exists: ${email}`, { german: `Unter ${email} gibt es bereits ein Konto. Ändern Sie es in der Liste.` });
  }
  const { advisor, token } = await addAdvisor({ prisma, name: input.name, email, role: input.role, teamsAadObjectId: input.teamsAadObjectId });
  return { advisor: await prisma.advisor.findUniqueOrThrow({ where: { id: advisor.id }, select: advisorSelect }), token };
}
