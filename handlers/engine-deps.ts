import type { KnowledgeAnswer } from '../knowledge/knowledge-answer.ts';
import type { TicketsPort } from '../tickets/index.ts';
import type { Intent } from './types.ts';

/** What the engine needs from the layers below; `main.ts` wires the real ones. */
export interface EngineDeps {
  knowledge: {
    answer(question: string): Promise<KnowledgeAnswer>;
  };
  recordAnswer(entry: { question: string; answer: KnowledgeAnswer; intent: string; conversationKey: string }): Promise<{ id: string }>;
  tickets: TicketsPort;
  /** Stores "Hat das geholfen?" on an answer's evidence; false if the answer is unknown. */
  recordFeedback(answerId: string, isHelpful: boolean): Promise<boolean>;
  /** With an LLM configured: a classification whose output is already checked against the closed set. */
  classifyWithModel?: (text: string) => Promise<{ intent: Intent; hasQuestion: boolean } | null>;
  now?: () => Date;
}
