import type { PrismaClient } from '../prisma/client.ts';

/**
 * Questions the knowledge base could not answer, grouped by the document of the best candidate
 * passage (or "ohne Treffer"), with counts and recent examples: where documents are missing.
 * Questions refused as off-topic are listed too (their own group), so that a refusal of
 * something the team does cover comes to light.
 */
export async function listKnowledgeGaps({ prisma, since }: { prisma: PrismaClient; since: Date }) {
  const abstentions = await prisma.answer.findMany({ where: { isAbstention: true, intent: { in: ['question', 'out_of_scope'] }, createdAt: { gte: since } }, orderBy: { createdAt: 'desc' }, take: 2000 });
  const chunkIds = [...new Set(abstentions.flatMap((answer) => answer.chunkIds.slice(0, 1)))];
  const chunks = await prisma.knowledgeChunk.findMany({ where: { id: { in: chunkIds } }, select: { id: true, document: { select: { title: true } } } });
  const titleOf = new Map(chunks.map((chunk) => [chunk.id, chunk.document.title]));
  const groups = new Map<string, { topic: string; count: number; examples: string[] }>();
  for (const answer of abstentions) {
    const topic = answer.intent === 'out_of_scope' ? 'als themenfremd abgelehnt' : (titleOf.get(answer.chunkIds[0] ?? '') ?? 'ohne Treffer');
    const group = groups.get(topic) ?? { topic, count: 0, examples: [] };
    group.count += 1;
    if (group.examples.length < 5) group.examples.push(answer.question.slice(0, 300));
    groups.set(topic, group);
  }
  return [...groups.values()].sort((left, right) => right.count - left.count);
}
