import { createEngine, type Engine } from '../../handlers/create-engine.ts';
import type { EngineDeps } from '../../handlers/engine-deps.ts';
import type { AiModels } from '../../knowledge/create-ai-models.ts';
import { createKnowledgeService, type KnowledgeService } from '../../knowledge/knowledge-service.ts';
import type { Database } from '../../prisma/client.ts';
import { createEngineDeps } from '../../service/create-engine-deps.ts';

/** The mail settings tests use: our inbox at ego-mv.example, five automatic answers a day. */
export const testMailSettings: EngineDeps['mail'] = { ownAddress: 'schul-it@ego-mv.example', messageIdDomain: 'ego-mv.example', autoRepliesPerDay: 5 };

/** The real engine over a test database and the shipped knowledge base; `override` replaces collaborators. */
export async function createTestEngine(
  database: Database,
  { models, override = {}, knowledge }: { models?: AiModels; override?: Partial<EngineDeps>; knowledge?: KnowledgeService } = {},
): Promise<{ engine: Engine; deps: EngineDeps; knowledge: KnowledgeService }> {
  const service = knowledge ?? createKnowledgeService({ prisma: database.prisma, models });
  if (!knowledge) await service.ingest();
  const deps = { ...createEngineDeps({ database, knowledge: service, models, mail: testMailSettings }), ...override };
  return { engine: createEngine(deps), deps, knowledge: service };
}
