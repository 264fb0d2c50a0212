import { Prisma, type PrismaClient } from '../prisma/client.ts';
import { utcTimestamp as utc } from './utc-timestamp.ts';

/**
 * Questions the knowledge base could not answer, grouped by the document of the best candidate
 * passage (or "ohne Treffer"), with counts and recent examples: where documents are missing.
 * Questions refused as off-topic are listed too (their own group), so that a refusal of
 * something the team does cover comes to light.
 *
 * Counted from the hourly tally the database keeps with every answer (migration answer_tally) for
 * the period's whole hours, and from the abstention rows themselves only for its partial first
 * and last hour; the five newest examples of each (intent, passage) come from an index. So a
 * report reads a bounded number of rows however many chat turns the period had (reading every
 * abstention row of 30 days held the embedded database's one thread for 80 ms at 96,000 answers).
 */
export async function listKnowledgeGaps({ prisma, since, until: end }: { prisma: PrismaClient; since: Date; until?: Date }) {
  // Whole hours come from the tally; the rows before the first whole hour and from the last one on
  // are read themselves. A period without an end runs until now and has no rows after it: its
  // current hour is counted from the tally too (that hour holds the most rows).
  const until = end ?? new Date();
  const hourMs = 3_600_000;
  const first = new Date(Math.ceil(since.getTime() / hourMs) * hourMs);
  const lastHour = Math.floor(until.getTime() / hourMs) * hourMs;
  const last = new Date(end ? lastHour : lastHour + hourMs);
  const isGapRow = Prisma.sql`a."isAbstention" AND a."intent" IN ('question', 'out_of_scope')`;
  const counted =
    first < last
      ? Prisma.sql`
        SELECT t."intent", t."chunkId", t."count" FROM "AnswerTally" t
        WHERE t."isAbstention" AND t."intent" IN ('question', 'out_of_scope') AND t."hour" >= ${utc(first)} AND t."hour" < ${utc(last)}
        UNION ALL
        SELECT a."intent", coalesce(a."chunkIds"[1], ''), 1 FROM "Answer" a WHERE ${isGapRow} AND a."createdAt" >= ${utc(since)} AND a."createdAt" < ${utc(first)}
        UNION ALL
        SELECT a."intent", coalesce(a."chunkIds"[1], ''), 1 FROM "Answer" a WHERE ${isGapRow} AND a."createdAt" >= ${utc(last)} AND a."createdAt" <= ${utc(until)}`
      : Prisma.sql`SELECT a."intent", coalesce(a."chunkIds"[1], ''), 1 FROM "Answer" a WHERE ${isGapRow} AND a."createdAt" >= ${utc(since)} AND a."createdAt" <= ${utc(until)}`;
  const rows = await prisma.$queryRaw<{ intent: string; chunkId: string; total: bigint; examples: [string, number][] }[]>`
    WITH "counts" ("intent", "chunkId", "count") AS (${counted}),
    "partitions" AS (SELECT "intent", "chunkId", sum("count") AS "total" FROM "counts" GROUP BY 1, 2 HAVING sum("count") > 0)
    SELECT p."intent", p."chunkId", p."total", coalesce(e."examples", '[]') AS "examples" FROM "partitions" p
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_array("question", (extract(epoch from "createdAt") * 1000)::float8)) AS "examples" FROM (
        SELECT a."question", a."createdAt" FROM "Answer" a
        WHERE a."isAbstention" AND a."intent" = p."intent" AND a."gapChunkId" = p."chunkId"
          AND a."createdAt" >= ${utc(since)} AND a."createdAt" <= ${utc(until)}
        ORDER BY a."createdAt" DESC LIMIT 5
      ) AS "newest"
    ) e ON TRUE`;
  const chunkIds = [...new Set(rows.flatMap((row) => (row.chunkId ? [row.chunkId] : [])))];
  const chunks = await prisma.knowledgeChunk.findMany({ where: { id: { in: chunkIds } }, select: { id: true, document: { select: { title: true } } } });
  const titleOf = new Map(chunks.map((chunk) => [chunk.id, chunk.document.title]));
  const groups = new Map<string, { topic: string; count: number; examples: [string, number][] }>();
  for (const row of rows) {
    const topic = row.intent === 'out_of_scope' ? 'als themenfremd abgelehnt' : (titleOf.get(row.chunkId) ?? 'ohne Treffer');
    const group = groups.get(topic) ?? { topic, count: 0, examples: [] };
    group.count += Number(row.total);
    group.examples.push(...row.examples);
    groups.set(topic, group);
  }
  return [...groups.values()]
    .map(({ topic, count, examples }) => ({ topic, count, examples: examples.sort((left, right) => right[1] - left[1]).slice(0, 5).map(([question]) => question.slice(0, 300)) }))
    .sort((left, right) => right.count - left.count);
}
