import type { PrismaClient } from '../prisma/client.ts';
import { advisorChannelKey } from './register-advisor-channel.ts';
import { findConversationReference } from './find-conversation-reference.ts';

/** The advisors' Teams channel, when one was registered. */
export async function findAdvisorChannel({ prisma }: { prisma: PrismaClient }): Promise<Record<string, unknown> | null> {
  return findConversationReference({ prisma, channel: 'teams', externalKey: advisorChannelKey });
}
