import type { PrismaClient } from '../prisma/client.ts';
import { releaseWaitingOutbox } from './outbox.ts';
import { storeConversationReference } from './store-conversation-reference.ts';

/** The key under which the advisors' Teams channel is stored as a conversation. */
export const advisorChannelKey = 'advisor-channel';

/**
 * Makes a Teams conversation the advisors' channel (its reference is where case cards go); notices
 * that waited for a route go there now.
 */
export async function registerAdvisorChannel({ prisma, reference }: { prisma: PrismaClient; reference: Record<string, unknown> }): Promise<void> {
  await storeConversationReference({ prisma, channel: 'teams', externalKey: advisorChannelKey, reference });
  await releaseWaitingOutbox({ prisma, kinds: ['advisor_notification'] });
}
