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

/** Makes a Teams conversation the advisors' channel (its reference is where case cards go). */
export async function registerAdvisorChannel({ prisma, reference }: { prisma: PrismaClient; reference: Record<string, unknown> }): Promise<void> {
  await storeConversationReference({ prisma, channel: 'teams', externalKey: advisorChannelKey, reference });
}

/** The advisors' Teams channel, when one was registered. */
export async function findAdvisorChannel({ prisma }: { prisma: PrismaClient }): Promise<Record<string, unknown> | null> {
  return findConversationReference({ prisma, channel: 'teams', externalKey: advisorChannelKey });
}
