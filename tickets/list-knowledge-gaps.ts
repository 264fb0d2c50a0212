import type { PrismaClient } from '../prisma/client.ts';

/**
 * Questions the knowledge base could not answer, grouped by the document of the best candidate
 * passage (or "ohne Treffer"), with counts and recent examples: where documents are missing.
 * Questions refused as off-topic are listed too (their own group), so that a refusal of
 * something the team does cover comes to light. Counted in the database: the answer table gains
 * a row per chat turn, and loading its abstentions to count them stalled the service's thread.
 */
export async function listKnowledgeGaps({ prisma, since, until = new Date() }: { prisma: PrismaClient; since: Date; until?: Date }) {
  const rows = await prisma.$queryRaw<{ intent: string; chunkId: string | null; question: string; total: bigint }[]>`
    SELECT "intent", "chunkId", "question", "total" FROM (
      SELECT "intent", "chunkIds"[1] AS "chunkId", "question", "createdAt",
        row_number() OVER (PARTITION BY "intent", "chunkIds"[1] ORDER BY "createdAt" DESC) AS "position",
        count(*) OVER (PARTITION BY "intent", "chunkIds"[1]) AS "total"
      FROM "Answer"
      WHERE "isAbstention" AND "intent" IN ('question', 'out_of_scope') AND "createdAt" >= ${since} AND "createdAt" <= ${until}
    ) AS "ranked"
    WHERE "position" <= 5
    ORDER BY "createdAt" DESC`;
  const chunkIds = [...new Set(rows.flatMap((row) => (row.chunkId ? [row.chunkId] : [])))];
  const chunks = await prisma.knowledgeChunk.findMany({ where: { id: { in: chunkIds } }, select: { id: true, document: { select: { title: true } } } });
  const titleOf = new Map(chunks.map((chunk) => [chunk.id, chunk.document.title]));
  const groups = new Map<string, { topic: string; count: number; examples: string[] }>();
  const counted = new Set<string>();
  for (const row of rows) {
    const topic = row.intent === 'out_of_scope' ? 'als themenfremd abgelehnt' : (titleOf.get(row.chunkId ?? '') ?? 'ohne Treffer');
    const group = groups.get(topic) ?? { topic, count: 0, examples: [] };
    // Each (intent, passage) partition brings its total once, however many examples it has.
    const partition = `${row.intent}\u0000${row.chunkId ?? ''}`;
    if (!counted.has(partition)) {
      counted.add(partition);
      group.count += Number(row.total);
    }
    if (group.examples.length < 5) group.examples.push(row.question.slice(0, 300));
    groups.set(topic, group);
  }
  return [...groups.values()].sort((left, right) => right.count - left.count);
}
