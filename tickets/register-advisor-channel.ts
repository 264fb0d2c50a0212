import type { PrismaClient } from '../prisma/client.ts';
import { storeConversationReference } from './store-conversation-reference.ts';

/** The key under which the advisors' Teams channel is stored as a conversation. */
export const advisorChannelKey = 'advisor-channel';

/** Makes a Teams conversation the advisors' channel (its reference is where case cards go). */
export async function registerAdvisorChannel({ prisma, reference }: { prisma: PrismaClient; reference: Record<string, unknown> }): Promise<void> {
  await storeConversationReference({ prisma, channel: 'teams', externalKey: advisorChannelKey, reference });
}
