import { createOpenAI } from '@ai-sdk/openai';
import { cosineSimilarity, embed, embedMany, type EmbeddingModel, type LanguageModel } from 'ai';
import type { SearchHit } from './knowledge-index.ts';
import { questionSentences } from './clean-question.ts';
import { maskPersonalData } from './mask-personal-data.ts';
import { pauseFailingModel } from './pause-failing-model.ts';

export interface AiSettings {
  baseUrl?: string;
  apiKey?: string;
  chatModel?: string;
  embeddingModel?: string;
  timeoutMs: number;
  /**
   * What the chat model may see (AI_SEND_CONTEXT): 'message' lets it classify the whole incoming
   * message; 'question' sends only the question sentences to be answered (intent is then
   * recognised locally). Addresses, phone numbers and IBANs are masked either way.
   */
  sendContext?: SendContext;
}

export type SendContext = 'message' | 'question';

export interface AiModels {
  chat?: { languageModel: LanguageModel; name: string; timeoutMs: number; sendContext: SendContext };
  embedding?: { model: EmbeddingModel; name: string; sendContext: SendContext };
}

/** Builds the models for any OpenAI-compatible endpoint (chat completions API), or none. */
export function createAiModels({ baseUrl, apiKey, chatModel, embeddingModel, timeoutMs, sendContext = 'message' }: AiSettings): AiModels {
  if (!baseUrl && !apiKey) return {};
  const provider = createOpenAI({ baseURL: baseUrl, apiKey: apiKey ?? 'not-needed' });
  return {
    chat: chatModel ? { languageModel: pauseFailingModel(provider.chat(chatModel)), name: chatModel, timeoutMs, sendContext } : undefined,
    embedding: embeddingModel ? { model: provider.embedding(embeddingModel), name: embeddingModel, sendContext } : undefined,
  };
}

/** Chunk embedding for ingestion. */
export function createEmbedder(embedding: NonNullable<AiModels['embedding']>) {
  return {
    model: embedding.name,
    async embedMany(texts: string[]): Promise<number[][]> {
      const { embeddings } = await embedMany({ model: embedding.model, values: texts, maxRetries: 1 });
      return embeddings;
    },
  };
}

/**
 * Hybrid ranking: a convex combination of the lexical score (relative to the best hit) and the
 * cosine similarity of question and chunk embeddings, over the lexical candidates. Chunks without
 * a vector keep their lexical part only.
 */
export function createReranker(embedding: NonNullable<AiModels['embedding']>, timeoutMs: number, lexicalWeight = 0.5) {
  return async function rerank(question: string, hits: SearchHit[]): Promise<SearchHit[]> {
    const { embedding: vector } = await embed({ model: embedding.model, value: maskPersonalData(embedding.sendContext === 'question' ? questionSentences(question) : question), maxRetries: 0, abortSignal: AbortSignal.timeout(timeoutMs) });
    const best = Math.max(...hits.map((hit) => hit.score), Number.EPSILON);
    return hits
      .map((hit) => {
        const similarity = hit.chunk.embedding ? Math.max(0, cosineSimilarity(vector, hit.chunk.embedding)) : 0;
        return { hit, fused: lexicalWeight * (hit.score / best) + (1 - lexicalWeight) * similarity };
      })
      .sort((left, right) => right.fused - left.fused)
      .map((entry) => entry.hit);
  };
}
