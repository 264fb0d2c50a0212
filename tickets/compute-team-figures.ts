import { DateTime } from 'luxon';
import { Prisma, type PrismaClient, type TicketCategory } from '../prisma/client.ts';
import { bookingStatuses, categories, type DurationFigures, type MonthFigures, type TeamFigures, type WeekFigures } from '../vocabulary/index.ts';
import { businessHoursBetween } from './compute-due-date.ts';
import { utcTimestamp as utc } from './utc-timestamp.ts';

const zone = 'Europe/Berlin';

/** A ticket's category, creation, due date, resolution and first advisor reply (epoch milliseconds). */
type TicketTimes = [TicketCategory, number, number | null, number | null, number | null];

// Columns are UTC timestamps without zone: their epoch is taken as UTC, whatever the server's TimeZone.
const epochMs = (column: Prisma.Sql) => Prisma.sql`(extract(epoch from ${column}) * 1000)::float8`;

const zeroes = <Code extends string>(codes: readonly Code[]) => Object.fromEntries(codes.map((code) => [code, 0])) as Record<Code, number>;

function percentile(sorted: number[], share: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return Math.round(sorted[index]! * 10) / 10;
}

function durations(hours: number[]): DurationFigures {
  const sorted = [...hours].sort((left, right) => left - right);
  return { count: sorted.length, medianHours: percentile(sorted, 0.5), p90Hours: percentile(sorted, 0.9) };
}

// Berlin's offsets are whole hours, so the week of an instant is the week of its hour: one luxon
// conversion per hour instead of one per ticket (luxon formats in ~20 µs; thousands of rows add up).
const weekOfHour = new Map<number, string>();
const weekKey = (date: Date) => {
  const hour = Math.floor(date.getTime() / 3_600_000);
  let key = weekOfHour.get(hour);
  if (key === undefined) {
    if (weekOfHour.size > 50_000) weekOfHour.clear();
    key = DateTime.fromMillis(hour * 3_600_000, { zone }).toFormat("kkkk-'W'WW");
    weekOfHour.set(hour, key);
  }
  return key;
};
const monthKey = (date: Date) => DateTime.fromJSDate(date, { zone }).toFormat('yyyy-MM');

/**
 * Answers per hour, intent and abstention from the tally the database keeps with every answer
 * (migration answer_tally): one row per hour and kind instead of one per chat turn. Counting the
 * answer rows for a report grew with the traffic (96,000 answers: 130 ms on the embedded
 * database's one thread, every chat turn waiting behind it). The figures' weeks start at Berlin
 * midnight, a whole UTC hour, so whole hours are exact.
 */
async function countAnswersByHour(prisma: PrismaClient, since: Date, until: Date) {
  return await prisma.$queryRaw<{ hour: Date; intent: string; isAbstention: boolean; count: bigint }[]>`
    SELECT "hour", "intent", "isAbstention", sum("count") AS "count" FROM "AnswerTally"
    WHERE "hour" >= ${utc(since)} AND "hour" <= ${utc(until)} AND "intent" IN ('question', 'out_of_scope')
    GROUP BY 1, 2, 3`;
}

/**
 * The team's figures for the last `weeks` ISO weeks (Berlin time, the current one included):
 * tickets per week and category, time to first reply and to resolution against the response
 * target, questions answered by the assistant against tickets, abstentions and refusals, and
 * bookings per month. Merged-away tickets are duplicates and not counted.
 */
export async function computeTeamFigures({ prisma, weeks, now = new Date() }: { prisma: PrismaClient; weeks: number; now?: Date }): Promise<TeamFigures> {
  const firstMonday = DateTime.fromJSDate(now, { zone }).startOf('week').minus({ weeks: weeks - 1 });
  const since = firstMonday.toJSDate();
  const [[ticketRows], answers, bookings] = await Promise.all([
    // One row per ticket with its first advisor reply and first resolution, aggregated into a
    // single JSON value: a result row costs the driver adapter ~10 µs, a JSON element well under
    // one (4,000 tickets: 60 -> 20 ms). Events of a ticket are never older than the ticket.
    prisma.$queryRaw<{ tickets: TicketTimes[] | null }[]>`
      SELECT json_agg(json_build_array(t."category", ${epochMs(Prisma.sql`t."createdAt"`)}, ${epochMs(Prisma.sql`t."dueAt"`)}, ${epochMs(Prisma.sql`coalesce(e."resolvedAt", t."closedAt")`)}, ${epochMs(Prisma.sql`e."firstReplyAt"`)})) AS "tickets"
      FROM "Ticket" t LEFT JOIN (
        SELECT "ticketId",
          min("createdAt") FILTER (WHERE "type" = 'replied' AND "actorType" = 'advisor') AS "firstReplyAt",
          min("createdAt") FILTER (WHERE "type" = 'status_changed' AND "data"->>'to' IN ('geloest', 'geschlossen')) AS "resolvedAt"
        FROM "TicketEvent" WHERE "createdAt" >= ${since} AND "type" IN ('replied', 'status_changed') GROUP BY "ticketId"
      ) e ON e."ticketId" = t."id"
      WHERE t."createdAt" >= ${since} AND t."createdAt" <= ${now} AND t."mergedIntoId" IS NULL`,
    countAnswersByHour(prisma, since, now),
    // Whole months: the first month starts before the first week.
    prisma.booking.findMany({ where: { createdAt: { gte: firstMonday.startOf('month').toJSDate(), lte: now } }, select: { status: true, createdAt: true } }),
  ]);

  const byWeek = new Map<string, { row: WeekFigures; response: number[]; resolution: number[] }>();
  for (let monday = firstMonday; monday.toJSDate() <= now; monday = monday.plus({ weeks: 1 })) {
    const row: WeekFigures = {
      week: monday.toFormat("kkkk-'W'WW"),
      start: monday.toISODate()!,
      tickets: 0,
      ticketsByCategory: zeroes(categories),
      answered: 0,
      abstentions: 0,
      refusals: 0,
      firstResponse: { count: 0, medianHours: null, p90Hours: null, withinSla: 0, missedSla: 0 },
      resolution: { count: 0, medianHours: null, p90Hours: null },
    };
    byWeek.set(row.week, { row, response: [], resolution: [] });
  }

  for (const [category, createdAt, dueAt, resolvedAt, firstReplyAt] of ticketRows?.tickets ?? []) {
    const entry = byWeek.get(weekKey(new Date(createdAt)));
    if (!entry) continue;
    entry.row.tickets += 1;
    entry.row.ticketsByCategory[category] += 1;
    if (firstReplyAt !== null) {
      entry.response.push(businessHoursBetween(new Date(createdAt), new Date(firstReplyAt)));
      if (dueAt !== null) entry.row.firstResponse[firstReplyAt <= dueAt ? 'withinSla' : 'missedSla'] += 1;
    } else if (dueAt !== null && dueAt < now.getTime()) {
      entry.row.firstResponse.missedSla += 1;
    }
    if (resolvedAt !== null) entry.resolution.push(businessHoursBetween(new Date(createdAt), new Date(resolvedAt)));
  }
  for (const answer of answers) {
    const row = byWeek.get(weekKey(new Date(answer.hour)))?.row;
    if (!row) continue;
    const count = Number(answer.count);
    if (answer.intent === 'out_of_scope') row.refusals += count;
    else if (answer.isAbstention) row.abstentions += count;
    else row.answered += count;
  }

  const byMonth = new Map<string, MonthFigures>();
  for (let month = firstMonday.startOf('month'); month.toJSDate() <= now; month = month.plus({ months: 1 })) {
    byMonth.set(month.toFormat('yyyy-MM'), { month: month.toFormat('yyyy-MM'), bookings: 0, bookingsByStatus: zeroes(bookingStatuses) });
  }
  for (const booking of bookings) {
    const row = byMonth.get(monthKey(booking.createdAt));
    if (!row) continue;
    row.bookings += 1;
    row.bookingsByStatus[booking.status] += 1;
  }

  const rows = [...byWeek.values()];
  const sum = (value: (row: WeekFigures) => number) => rows.reduce((total, entry) => total + value(entry.row), 0);
  return {
    from: firstMonday.toISODate()!,
    to: DateTime.fromJSDate(now, { zone }).toISODate()!,
    weeks: rows.map(({ row, response, resolution }) => ({
      ...row,
      firstResponse: { ...row.firstResponse, ...durations(response) },
      resolution: durations(resolution),
    })),
    months: [...byMonth.values()],
    period: {
      tickets: sum((row) => row.tickets),
      answered: sum((row) => row.answered),
      abstentions: sum((row) => row.abstentions),
      refusals: sum((row) => row.refusals),
      firstResponse: { ...durations(rows.flatMap((entry) => entry.response)), withinSla: sum((row) => row.firstResponse.withinSla), missedSla: sum((row) => row.firstResponse.missedSla) },
      resolution: durations(rows.flatMap((entry) => entry.resolution)),
    },
  };
}
