import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerFromKnowledge } from '../../knowledge/answer-from-knowledge.ts';
import { createAiModels, createReranker } from '../../knowledge/create-ai-models.ts';
import type { KnowledgeIndex } from '../../knowledge/knowledge-index.ts';
import { shippedIndex } from '../helpers/knowledge.ts';
import { offeredChunkIds } from '../helpers/mock-models.ts';
import { startOpenAiStub } from '../helpers/openai-stub.ts';

let index: KnowledgeIndex;
const stubs: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  index = await shippedIndex();
});
afterEach(async () => {
  for (const stub of stubs.splice(0)) await stub.close();
});

describe('an OpenAI-compatible endpoint over HTTP', () => {
  it('generates the answer through the chat completions API with the configured model', async () => {
    const stub = await startOpenAiStub({
      respond: ({ body }) => {
        const prompt = body.messages?.map((message) => message.content).join('\n') ?? '';
        return JSON.stringify({ isCovered: true, answer: 'Schulisches WLAN wird gefördert.', citedChunkIds: offeredChunkIds(prompt).slice(0, 1) });
      },
    });
    stubs.push(stub);
    const models = createAiModels({ baseUrl: stub.baseUrl, apiKey: 'test-key', chatModel: 'qwen-test', timeoutMs: 5000 });
    const answer = await answerFromKnowledge({ question: 'Wird WLAN gefördert?', index, model: models.chat });
    expect(answer).toMatchObject({ outcome: 'answered', model: 'qwen-test' });
    expect(answer.text).toContain('Schulisches WLAN wird gefördert.');
    expect(stub.requests[0]?.path).toBe('/v1/chat/completions');
    expect(stub.requests[0]?.body.model).toBe('qwen-test');
  });

  it('answers offline within the time limit when the endpoint hangs', async () => {
    const stub = await startOpenAiStub({ respond: () => '{}', delayMs: 10_000 });
    stubs.push(stub);
    const models = createAiModels({ baseUrl: stub.baseUrl, chatModel: 'slow', timeoutMs: 300 });
    const started = Date.now();
    const answer = await answerFromKnowledge({ question: 'Wird WLAN gefördert?', index, model: models.chat });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer).toMatchObject({ outcome: 'answered', model: null });
    expect(answer.citations[0]?.section).toBe('Schulisches WLAN');
  });

  it('re-ranks lexical candidates by embedding similarity (hybrid retrieval)', async () => {
    const hits = index.search('Förderung Geräte', { limit: 5 });
    const favourite = hits.at(-1)!.chunk;
    const vectors = new Map(hits.map((hit) => [hit.chunk.id, hit.chunk.id === favourite.id ? [1, 0] : [0, 1]]));
    const withVectors = hits.map((hit) => ({ ...hit, chunk: { ...hit.chunk, embedding: vectors.get(hit.chunk.id) } }));
    const stub = await startOpenAiStub({ respond: () => '', embed: () => [1, 0] });
    stubs.push(stub);
    const models = createAiModels({ baseUrl: stub.baseUrl, embeddingModel: 'embed-test', timeoutMs: 2000 });
    const reranked = await createReranker(models.embedding!, 2000)('Förderung Geräte', withVectors);
    expect(reranked[0]?.chunk.id).toBe(favourite.id);
    expect(stub.requests[0]?.path).toBe('/v1/embeddings');
  });
});
