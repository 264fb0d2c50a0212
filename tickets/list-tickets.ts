import { AppError } from '../errors.ts';
import { Prisma, type PrismaClient, type TicketCategory, type TicketStatus } from '../prisma/client.ts';
import { utcTimestamp as utc } from './utc-timestamp.ts';

export interface TicketFilter {
  status?: TicketStatus;
  category?: TicketCategory;
  /** Advisor id, or "none" for unassigned tickets. */
  assignee?: string;
  schoolBoardId?: string;
  /** German full-text search over subject and messages, plus the ticket number. */
  text?: string;
  /** Only open tickets past their due date. */
  overdue?: boolean;
}

/** Orders of the queue: newest, last activity, due date (soonest first), priority (most urgent first), relevance (with a search). */
export const ticketSorts = ['created', 'activity', 'due', 'priority', 'relevance'] as const;
export type TicketSort = (typeof ticketSorts)[number];

export const listSelect = {
  id: true,
  number: true,
  subject: true,
  category: true,
  priority: true,
  status: true,
  channel: true,
  requesterName: true,
  requesterEmail: true,
  dueAt: true,
  createdAt: true,
  updatedAt: true,
  assignee: { select: { id: true, name: true, email: true } },
  schoolBoard: { select: { id: true, name: true } },
} satisfies Prisma.TicketSelect;

/** A position in one ordering: the sort value of the last row shown and its id (ties are broken by id). */
interface Cursor {
  sort: TicketSort;
  value: string | number | null;
  id: string;
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(text: string, sort: TicketSort): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (cursor.sort === sort && typeof cursor.id === 'string') return cursor;
  } catch {
    // fall through
  }
  throw new AppError('invalid_input', 'Invalid cursor', { german: 'Die Seitenangabe passt nicht zu dieser Liste. Bitte laden Sie die Liste neu.' });
}

const priorityRank = Prisma.sql`CASE t."priority" WHEN 'dringend' THEN 4 WHEN 'hoch' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END`;
// Tickets without a due date come after all dated ones: a far-future stand-in keeps the keyset simple.
const dueOrFar = Prisma.sql`coalesce(t."dueAt", '9999-12-31 00:00:00'::timestamp)`;

/**
 * The advisors' queue, one page at a time with a stable cursor (keyset over the sort value and the
 * id, so tickets arriving meanwhile neither repeat nor vanish between pages). Counts per status
 * apply every filter except the status itself ("how many are in each status under the others").
 * Search uses PostgreSQL's German full-text search (indexed expressions on subject and message
 * text, stemmed: "Medienentwicklungspläne" finds "Medienentwicklungsplan"), plus the ticket number.
 */
export async function listTickets({ prisma, filter, sort, limit = 50, cursor, now = new Date() }: { prisma: PrismaClient; filter: TicketFilter; sort?: TicketSort; limit?: number; cursor?: string; now?: Date }) {
  const order: TicketSort = sort ?? (filter.text ? 'relevance' : 'created');
  if (order === 'relevance' && !filter.text) throw new AppError('invalid_input', 'Sorting by relevance needs a search', { german: 'Nach Relevanz lässt sich nur eine Suche sortieren.' });
  const query = filter.text ? Prisma.sql`websearch_to_tsquery('german', ${filter.text})` : undefined;
  const conditions: Prisma.Sql[] = [];
  if (filter.category) conditions.push(Prisma.sql`t."category" = ${filter.category}::"TicketCategory"`);
  if (filter.assignee) conditions.push(filter.assignee === 'none' ? Prisma.sql`t."assigneeId" IS NULL` : Prisma.sql`t."assigneeId" = ${filter.assignee}`);
  if (filter.schoolBoardId) conditions.push(Prisma.sql`t."schoolBoardId" = ${filter.schoolBoardId}`);
  if (filter.overdue) conditions.push(Prisma.sql`t."dueAt" < ${utc(now)} AND t."status" NOT IN ('geloest', 'geschlossen')`);
  if (query) {
    conditions.push(Prisma.sql`(
      t."number" ILIKE ${`%${filter.text}%`}
      OR to_tsvector('german', t."subject") @@ ${query}
      OR EXISTS (SELECT 1 FROM "Message" m WHERE m."ticketId" = t."id" AND to_tsvector('german', m."text") @@ ${query}))`);
  }
  const whereWithoutStatus = conditions.length > 0 ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
  const where = filter.status ? Prisma.sql`${whereWithoutStatus} AND t."status" = ${filter.status}::"TicketStatus"` : whereWithoutStatus;

  // The sort value of each row and the direction of each ordering (descending unless noted).
  const sortValue =
    order === 'created'
      ? Prisma.sql`t."createdAt"`
      : order === 'activity'
        ? Prisma.sql`t."updatedAt"`
        : order === 'due'
          ? dueOrFar
          : order === 'priority'
            ? priorityRank
            : Prisma.sql`(ts_rank(to_tsvector('german', t."subject"), ${query!}) * 2 + CASE WHEN t."number" ILIKE ${`%${filter.text}%`} THEN 10 ELSE 0 END
                + coalesce((SELECT max(ts_rank(to_tsvector('german', m."text"), ${query!})) FROM "Message" m WHERE m."ticketId" = t."id"), 0))::float8`;
  const ascending = order === 'due';
  const isTime = order === 'created' || order === 'activity' || order === 'due';
  let after = Prisma.sql`TRUE`;
  if (cursor) {
    const position = decodeCursor(cursor, order);
    if (isTime ? Number.isNaN(new Date(String(position.value)).getTime()) : !Number.isFinite(Number(position.value))) decodeCursor('', order);
    const value = isTime ? utc(new Date(String(position.value))) : Prisma.sql`${Number(position.value)}::float8`;
    after = ascending
      ? Prisma.sql`(${sortValue} > ${value} OR (${sortValue} = ${value} AND t."id" > ${position.id}))`
      : Prisma.sql`(${sortValue} < ${value} OR (${sortValue} = ${value} AND t."id" < ${position.id}))`;
  }
  const direction = ascending ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const [rows, counts, [total]] = await Promise.all([
    prisma.$queryRaw<{ id: string; sortValue: Date | number }[]>`
      SELECT t."id", ${sortValue} AS "sortValue" FROM "Ticket" t
      WHERE ${where} AND ${after}
      ORDER BY ${sortValue} ${direction}, t."id" ${direction}
      LIMIT ${limit + 1}`,
    prisma.$queryRaw<{ status: TicketStatus; count: bigint }[]>`SELECT t."status", count(*) AS "count" FROM "Ticket" t WHERE ${whereWithoutStatus} GROUP BY t."status"`,
    prisma.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS "count" FROM "Ticket" t WHERE ${where}`,
  ]);
  const page = rows.slice(0, limit);
  const found = await prisma.ticket.findMany({ where: { id: { in: page.map((row) => row.id) } }, select: listSelect });
  const byId = new Map(found.map((ticket) => [ticket.id, ticket]));
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ sort: order, value: last.sortValue instanceof Date ? last.sortValue.toISOString() : Number(last.sortValue), id: last.id }) : null;
  return {
    tickets: page.flatMap((row) => byId.get(row.id) ?? []),
    countsByStatus: Object.fromEntries(counts.map((row) => [row.status, Number(row.count)])) as Partial<Record<TicketStatus, number>>,
    total: Number(total?.count ?? 0),
    sort: order,
    nextCursor,
  };
}
