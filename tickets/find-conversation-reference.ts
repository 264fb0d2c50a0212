import type { Channel, PrismaClient } from '../prisma/client.ts';

export async function findConversationReference({ prisma, channel, externalKey }: { prisma: PrismaClient; channel: Channel; externalKey: string }): Promise<Record<string, unknown> | null> {
  const conversation = await prisma.conversation.findUnique({ where: { channel_externalKey: { channel, externalKey } } });
  return (conversation?.conversationReference as Record<string, unknown> | null) ?? null;
}
