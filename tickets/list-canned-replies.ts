import type { PrismaClient } from '../prisma/client.ts';

export function listCannedReplies({ prisma }: { prisma: PrismaClient }) {
  return prisma.cannedReply.findMany({ orderBy: { title: 'asc' }, select: { id: true, title: true, body: true, category: true, updatedAt: true } });
}
