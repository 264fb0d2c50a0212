import type { KnowledgeAnswer } from '../knowledge/knowledge-answer.ts';

/** What the engine needs from the layers below; `main.ts` wires the real ones, tests their own. */
export interface EngineDeps {
  knowledge: {
    answer(question: string): Promise<KnowledgeAnswer>;
  };
  recordAnswer(entry: { question: string; answer: KnowledgeAnswer; intent: string; conversationKey: string }): Promise<{ id: string }>;
  now?: () => Date;
}
