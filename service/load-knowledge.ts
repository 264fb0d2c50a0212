import path from 'node:path';
import type { Config } from '../config.ts';
import type { AiModels } from '../knowledge/create-ai-models.ts';
import { createDocumentReader } from '../knowledge/create-document-reader.ts';
import { createKnowledgeService, shippedDocumentsDirectory, type KnowledgeService } from '../knowledge/knowledge-service.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../prisma/client.ts';

export interface LoadedKnowledge {
  knowledge: KnowledgeService;
  models: AiModels;
  /** Shipped documents, KNOWLEDGE_DIR, then uploads: a later directory overrides an earlier one with the same key. */
  directories: string[];
  uploadDirectory: string;
}

/** The configured models; without an endpoint none, and the AI SDK is not even loaded. */
export async function aiModelsOf(config: Config): Promise<AiModels> {
  if (!config.AI_BASE_URL && !config.AI_API_KEY) return {};
  const { createAiModels } = await import('../knowledge/create-ai-models.ts');
  return createAiModels({ baseUrl: config.AI_BASE_URL, apiKey: config.AI_API_KEY, chatModel: config.AI_CHAT_MODEL, embeddingModel: config.AI_EMBEDDING_MODEL, timeoutMs: config.AI_TIMEOUT_MS, sendContext: config.AI_SEND_CONTEXT });
}

/** The knowledge service as configured: AI models, extra directory, document limits. */
export function knowledgeServiceOf(config: Config, database: Database, models: AiModels): KnowledgeService {
  const reader = createDocumentReader({ timeoutMs: config.DOCUMENT_PARSE_TIMEOUT_MS, maxMemoryMb: config.DOCUMENT_PARSE_MAX_MEMORY_MB });
  return createKnowledgeService({ prisma: database.prisma, extraDirectory: config.KNOWLEDGE_DIR, models, timeoutMs: config.AI_TIMEOUT_MS, reader });
}

/** The knowledge base over the database, with every directory ingested (only what changed is read again). */
export async function loadKnowledge({ config, database, logger }: { config: Config; database: Database; logger: Logger }): Promise<LoadedKnowledge> {
  const models = await aiModelsOf(config);
  const knowledge = knowledgeServiceOf(config, database, models);
  const uploadDirectory = path.resolve(config.DATA_DIR, 'knowledge-uploads');
  const directories = [shippedDocumentsDirectory, ...(config.KNOWLEDGE_DIR ? [config.KNOWLEDGE_DIR] : []), uploadDirectory];
  const report = await knowledge.ingest(directories);
  logger.info({ added: report.added.length, updated: report.updated.length, unchanged: report.unchanged.length, failed: report.failed }, 'knowledge base ingested');
  return { knowledge, models, directories, uploadDirectory };
}
