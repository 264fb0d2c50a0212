import type { PrismaClient } from '../prisma/client.ts';

/** Where to reach a ticket's requester: the channel and, for Teams, the stored reference of their chat. */
export async function findRequesterRoute({ prisma, ticketId }: { prisma: PrismaClient; ticketId: string }) {
  const ticket = await prisma.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) return null;
  const firstMessage = await prisma.message.findFirst({ where: { ticketId, direction: 'in', conversationId: { not: null } }, orderBy: { createdAt: 'asc' }, include: { conversation: true } });
  return {
    ticket,
    channel: ticket.channel,
    email: ticket.requesterEmail,
    teamsReference: (firstMessage?.conversation?.conversationReference as Record<string, unknown> | null | undefined) ?? null,
  };
}
