import { Prisma, type Channel, type PrismaClient } from '../prisma/client.ts';

/** The key under which the advisors' Teams channel is stored as a conversation. */
export const advisorChannelKey = 'advisor-channel';

/** Stores the latest Teams conversation reference of a conversation (its serviceUrl can move). */
export async function storeConversationReference({ prisma, channel, externalKey, reference }: { prisma: PrismaClient; channel: Channel; externalKey: string; reference: Record<string, unknown> }): Promise<void> {
  await prisma.conversation.upsert({
    where: { channel_externalKey: { channel, externalKey } },
    create: { channel, externalKey, conversationReference: reference as Prisma.InputJsonValue },
    update: { conversationReference: reference as Prisma.InputJsonValue },
  });
}

export async function findConversationReference({ prisma, channel, externalKey }: { prisma: PrismaClient; channel: Channel; externalKey: string }): Promise<Record<string, unknown> | null> {
  const conversation = await prisma.conversation.findUnique({ where: { channel_externalKey: { channel, externalKey } } });
  return (conversation?.conversationReference as Record<string, unknown> | null) ?? null;
}

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

/** Records an inbound delivery; false when the same id was processed before (Teams redelivery). */
export async function markInboundProcessed({ prisma, channel, externalId, ticketId }: { prisma: PrismaClient; channel: Channel; externalId: string; ticketId?: string }): Promise<boolean> {
  try {
    await prisma.processedInboundMessage.create({ data: { channel, externalId, ticketId } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return false;
    throw error;
  }
}
