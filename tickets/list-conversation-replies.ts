import type { PrismaClient } from '../prisma/client.ts';

/**
 * What advisors wrote (messages with an author address; our automatic mails have none) to the requester of the tickets opened in an API conversation (replies, not
 * internal notes), after a point in time, oldest first; marks them seen for the next chat turn.
 */
export async function listConversationReplies({ prisma, conversationId, after, markSeen = false }: { prisma: PrismaClient; conversationId: string; after?: Date; markSeen?: boolean }) {
  const conversation = await prisma.conversation.findUnique({ where: { channel_externalKey: { channel: 'api', externalKey: conversationId } } });
  if (!conversation) return [];
  const since = after ?? conversation.repliesSeenAt ?? new Date(0);
  const replies = await prisma.message.findMany({
    where: { direction: 'out', isInternalNote: false, authorEmail: { not: null }, createdAt: { gt: since }, ticket: { messages: { some: { conversationId: conversation.id } } } },
    orderBy: { createdAt: 'asc' },
    select: { text: true, authorName: true, createdAt: true, ticket: { select: { number: true } } },
    take: 50,
  });
  if (markSeen && replies.length > 0) await prisma.conversation.update({ where: { id: conversation.id }, data: { repliesSeenAt: replies.at(-1)!.createdAt } });
  return replies.map((reply) => ({ ticketNumber: reply.ticket!.number, text: reply.text, author: reply.authorName, createdAt: reply.createdAt.toISOString() }));
}
