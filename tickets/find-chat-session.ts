import type { PrismaClient } from '../prisma/client.ts';

/** An API conversation the server issued: its key and the address its caller proved, if any. */
export interface ChatSession {
  conversationId: string;
  verifiedEmail: string | null;
}

/** The API conversation with this key, when the server issued it (a key it never issued is no session). */
export async function findChatSession({ prisma, conversationId }: { prisma: PrismaClient; conversationId: string }): Promise<ChatSession | null> {
  // A plain query: it runs before every turn of a continued chat.
  const [conversation] = await prisma.$queryRaw<{ verifiedEmail: string | null }[]>`
    SELECT "verifiedEmail" FROM "Conversation" WHERE "channel" = 'api' AND "externalKey" = ${conversationId}`;
  return conversation ? { conversationId, verifiedEmail: conversation.verifiedEmail } : null;
}
