import type { PrismaClient } from '../prisma/client.ts';

/** Whether an address belongs to a known contact of a school board (colleagues may continue its cases by mail). */
export async function isContactOfSchoolBoard({ prisma, email, schoolBoardId }: { prisma: PrismaClient; email: string; schoolBoardId: string }): Promise<boolean> {
  return (await prisma.contact.count({ where: { email: email.toLowerCase(), schoolBoardId } })) > 0;
}
