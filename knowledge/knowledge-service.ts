import path from 'node:path';
import type { PrismaClient } from '../prisma/client.ts';
import { answerFromKnowledge } from './answer-from-knowledge.ts';
import type { AiModels } from './create-ai-models.ts';
import { createDocumentReader, type DocumentReader } from './create-document-reader.ts';
import { ingestDocuments, type IngestReport } from './ingest-documents.ts';
import type { KnowledgeAnswer } from './knowledge-answer.ts';
import type { KnowledgeIndex, SearchHit } from './knowledge-index.ts';
import { loadKnowledgeIndex } from './load-knowledge-index.ts';
import type { ParsedDocument } from './parse-document.ts';
import { projectRoot } from '../project-root.ts';

/** The documents shipped with the assistant. */
export const shippedDocumentsDirectory = path.join(projectRoot, 'knowledge', 'documents');

export interface KnowledgeService {
  answer(question: string): Promise<KnowledgeAnswer>;
  ingest(directories?: string[], onProgress?: (done: number, total: number, file: string) => void): Promise<IngestReport>;
  /** Rebuilds the index from the database when another instance changed the documents. */
  refresh(): Promise<void>;
  /** Reads one file with the service's limits (worker process for DOCX and PDF), without ingesting it. */
  readDocument(filePath: string): Promise<ParsedDocument>;
  isLoaded(): boolean;
  index(): KnowledgeIndex | undefined;
  /** Stops the document worker, if one was started. */
  close(): Promise<void>;
}

export interface CreateKnowledgeServiceOptions {
  prisma: PrismaClient;
  extraDirectory?: string;
  models?: AiModels;
  timeoutMs?: number;
  refreshIntervalMs?: number;
  /** Reads DOCX and PDF files; defaults to a worker with 30 s and 512 MB per document. */
  reader?: DocumentReader;
}

export function createKnowledgeService({
  prisma,
  extraDirectory,
  models = {},
  timeoutMs = 15_000,
  refreshIntervalMs = 30_000,
  reader = createDocumentReader({ timeoutMs: 30_000, maxMemoryMb: 512 }),
}: CreateKnowledgeServiceOptions): KnowledgeService {
  let index: KnowledgeIndex | undefined;
  let fingerprint = '';
  let checkedAt = 0;
  // create-ai-models (and with it the AI SDK) is only loaded when an embedding model is configured.
  const embedding = models.embedding;
  const rerank = embedding ? async (question: string, hits: SearchHit[]) => (await import('./create-ai-models.ts')).createReranker(embedding, timeoutMs)(question, hits) : undefined;

  async function currentFingerprint(): Promise<string> {
    const aggregate = await prisma.knowledgeDocument.aggregate({ where: { isCurrent: true }, _count: true, _max: { createdAt: true } });
    return `${aggregate._count}:${aggregate._max.createdAt?.toISOString() ?? ''}`;
  }

  async function reload(): Promise<void> {
    fingerprint = await currentFingerprint();
    index = await loadKnowledgeIndex({ prisma });
    checkedAt = Date.now();
  }

  return {
    readDocument: reader.read,
    close: () => reader.close(),
    isLoaded: () => index !== undefined && index.size > 0,
    index: () => index,
    async refresh() {
      if ((await currentFingerprint()) !== fingerprint || !index) await reload();
    },
    async ingest(directories, onProgress) {
      const report = await ingestDocuments({
        prisma,
        directories: directories ?? [shippedDocumentsDirectory, ...(extraDirectory ? [extraDirectory] : [])],
        embed: embedding ? { model: embedding.name, embedMany: async (texts: string[]) => (await import('./create-ai-models.ts')).createEmbedder(embedding).embedMany(texts) } : undefined,
        onProgress,
        read: reader.read,
      });
      await reload();
      return report;
    },
    async answer(question) {
      if (!index || Date.now() - checkedAt > refreshIntervalMs) {
        checkedAt = Date.now();
        await this.refresh();
      }
      return answerFromKnowledge({ question, index: index!, model: models.chat, rerank });
    },
  };
}
