import { AppError } from '../errors.ts';
import { Prisma, type Channel, type PrismaClient } from '../prisma/client.ts';

export interface StoredConversation {
  id: string;
  version: number;
  contactId: string | null;
  /** The open dialogue, or null when none is open or it went stale. */
  state: Record<string, unknown> | null;
}

/** Loads (or starts) the conversation of a channel key; a dialogue past its expiry counts as closed. */
export async function loadConversation({ prisma, channel, externalKey, contactId, now = new Date() }: { prisma: PrismaClient; channel: Channel; externalKey: string; contactId?: string; now?: Date }): Promise<StoredConversation> {
  const conversation = await prisma.conversation.upsert({
    where: { channel_externalKey: { channel, externalKey } },
    create: { channel, externalKey, contactId },
    update: contactId ? { contactId } : {},
  });
  const isStale = conversation.stateExpiresAt !== null && conversation.stateExpiresAt < now;
  return {
    id: conversation.id,
    version: conversation.version,
    contactId: conversation.contactId,
    state: isStale ? null : ((conversation.state as Record<string, unknown> | null) ?? null),
  };
}

/**
 * Saves the dialogue state with optimistic concurrency: two instances handling the same
 * conversation at once cannot overwrite each other silently.
 */
export async function saveConversationState({ prisma, conversation, state, ttlMs = 2 * 60 * 60_000, now = new Date() }: { prisma: PrismaClient; conversation: StoredConversation; state: Record<string, unknown> | null; ttlMs?: number; now?: Date }): Promise<void> {
  const { count } = await prisma.conversation.updateMany({
    where: { id: conversation.id, version: conversation.version },
    data: {
      state: state === null ? Prisma.DbNull : (state as Prisma.InputJsonValue),
      stateExpiresAt: state === null ? null : new Date(now.getTime() + ttlMs),
      version: { increment: 1 },
    },
  });
  if (count === 0) throw new AppError('conflict', `Conversation ${conversation.id} changed concurrently`);
}
