import type { PrismaClient } from '../prisma/client.ts';
import { buildKnowledgeIndex, type KnowledgeChunkRecord, type KnowledgeIndex } from './knowledge-index.ts';

/** Builds the in-memory index from the current version of every document in the database. */
export async function loadKnowledgeIndex({ prisma }: { prisma: PrismaClient }): Promise<KnowledgeIndex> {
  const documents = await prisma.knowledgeDocument.findMany({
    where: { isCurrent: true },
    include: { chunks: { orderBy: { ordinal: 'asc' } } },
    orderBy: { key: 'asc' },
  });
  const chunks: KnowledgeChunkRecord[] = documents.flatMap((document) =>
    document.chunks.map((chunk) => ({
      id: chunk.id,
      documentKey: document.key,
      documentTitle: document.title,
      documentVersion: document.version,
      sectionPath: chunk.sectionPath,
      text: chunk.text,
      sourceUrls: chunk.sourceUrls,
      questions: chunk.questions,
      validFrom: document.validFrom,
      validUntil: document.validUntil,
      programme: document.programme,
      embedding: chunk.embedding.length > 0 ? chunk.embedding : undefined,
    })),
  );
  return buildKnowledgeIndex(chunks);
}
