import type { Channel, PrismaClient } from '../prisma/client.ts';

/**
 * The stored Bot Framework reference of a conversation. A plain query: the outbox worker asks for
 * the advisors' channel with every notice it delivers (Prisma's findUnique cost ~1.5 ms here).
 */
export async function findConversationReference({ prisma, channel, externalKey }: { prisma: PrismaClient; channel: Channel; externalKey: string }): Promise<Record<string, unknown> | null> {
  const [row] = await prisma.$queryRaw<{ conversationReference: Record<string, unknown> | null }[]>`
    SELECT "conversationReference" FROM "Conversation" WHERE "channel" = ${channel}::"Channel" AND "externalKey" = ${externalKey}`;
  return row?.conversationReference ?? null;
}
