import type { PrismaClient } from '../prisma/client.ts';

/** How many automatic mails (acknowledgements) went to an address since a moment: the daily cap's count. */
export async function countAutomaticMailsSince({ prisma, address, since }: { prisma: PrismaClient; address: string; since: Date }): Promise<number> {
  return prisma.outboxMessage.count({ where: { kind: 'email', createdAt: { gte: since }, target: { path: ['to'], equals: address }, payload: { path: ['isAutomatic'], equals: true } } });
}
