import { Prisma, type Channel, type PrismaClient } from '../prisma/client.ts';

/** Stores the latest Teams conversation reference of a conversation (its serviceUrl can move). */
export async function storeConversationReference({ prisma, channel, externalKey, reference }: { prisma: PrismaClient; channel: Channel; externalKey: string; reference: Record<string, unknown> }): Promise<void> {
  await prisma.conversation.upsert({
    where: { channel_externalKey: { channel, externalKey } },
    create: { channel, externalKey, conversationReference: reference as Prisma.InputJsonValue },
    update: { conversationReference: reference as Prisma.InputJsonValue },
  });
}
