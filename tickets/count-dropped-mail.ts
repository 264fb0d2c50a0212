import type { PrismaClient } from '../prisma/client.ts';

/** Machine mail dropped since a date, per reason (bounce, report, bulk, loop, auto_reply), for admins. */
export async function countDroppedMail({ prisma, since }: { prisma: PrismaClient; since: Date }): Promise<{ reason: string; count: number }[]> {
  const groups = await prisma.processedInboundMessage.groupBy({
    by: ['droppedReason'],
    where: { channel: 'email', droppedReason: { not: null }, createdAt: { gte: since } },
    _count: { _all: true },
  });
  return groups.map((group) => ({ reason: group.droppedReason!, count: group._count._all })).sort((a, b) => b.count - a.count);
}
