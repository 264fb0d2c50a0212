import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.ts';
import { Prisma, type Channel, type PrismaClient } from '../prisma/client.ts';
import { type DirectSql, parseJson, utcDate } from '../prisma/direct-sql.ts';

export interface StoredConversation {
  id: string;
  version: number;
  contactId: string | null;
  /** The open dialogue, or null when none is open or it went stale. */
  state: Record<string, unknown> | null;
}

interface ConversationRow {
  id: string;
  version: number;
  contactId: string | null;
  state: string | null;
  stateExpiresAt: string | null;
}

/**
 * Loads (or starts) the conversation of a channel key; a dialogue past its expiry counts as closed.
 * `isNew`: the channel issued the key for this message, so the row is most likely not there yet.
 * Every turn starts here, so it is one statement on the driver instead of Prisma's upsert (a
 * transaction of three queries, about 3.5 ms on the embedded database against 0.8 ms through
 * `$queryRaw` and 0.4 ms direct): the row is inserted, or the existing one gains the contact, and a
 * row that needed no change is read in the same statement.
 */
export async function loadConversation({ sql, channel, externalKey, contactId, isNew = false, now = new Date() }: { sql: DirectSql; channel: Channel; externalKey: string; contactId?: string; isNew?: boolean; now?: Date }): Promise<StoredConversation> {
  const insert = Prisma.sql`
    INSERT INTO "Conversation" ("id", "channel", "externalKey", "contactId", "createdAt", "updatedAt")
    VALUES (${randomUUID()}, ${channel}::"Channel", ${externalKey}, ${contactId ?? null}, ${now}, ${now})`;
  if (isNew) {
    // A key the channel has just issued: a plain insert (0.3 ms against the upsert's 0.6-0.8 ms);
    // should the row exist after all, the upsert below reads it.
    const [created] = await sql.query<ConversationRow>(Prisma.sql`${insert} ON CONFLICT DO NOTHING RETURNING "id", "version", "contactId", "state", "stateExpiresAt"`);
    if (created) return stored(created, now);
  }
  const statement = () => sql.query<ConversationRow>(Prisma.sql`
    WITH "upserted" AS (
      ${insert}
      ON CONFLICT ("channel", "externalKey") DO UPDATE SET "contactId" = EXCLUDED."contactId", "updatedAt" = EXCLUDED."updatedAt"
        WHERE EXCLUDED."contactId" IS NOT NULL AND "Conversation"."contactId" IS DISTINCT FROM EXCLUDED."contactId"
      RETURNING "id", "version", "contactId", "state", "stateExpiresAt")
    SELECT * FROM "upserted"
    UNION ALL
    SELECT "id", "version", "contactId", "state", "stateExpiresAt" FROM "Conversation"
    WHERE "channel" = ${channel}::"Channel" AND "externalKey" = ${externalKey} AND NOT EXISTS (SELECT 1 FROM "upserted")`);
  // A row another transaction committed after this statement's snapshot conflicts, yet is not
  // visible to its read: the second attempt sees it.
  let rows = await statement();
  if (rows.length === 0) rows = await statement();
  const [conversation] = rows;
  if (!conversation) throw new Error(`Conversation ${channel}/${externalKey} could neither be created nor read`);
  return stored(conversation, now);
}

function stored(conversation: ConversationRow, now: Date): StoredConversation {
  const isStale = conversation.stateExpiresAt !== null && utcDate(conversation.stateExpiresAt) < now;
  return {
    id: conversation.id,
    version: conversation.version,
    contactId: conversation.contactId,
    state: isStale ? null : parseJson<Record<string, unknown>>(conversation.state),
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
