import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createChatRouter } from '../../chat/create-chat-router.ts';
import { createAiModels } from '../../knowledge/create-ai-models.ts';
import { createKnowledgeService } from '../../knowledge/knowledge-service.ts';
import { createLogger } from '../../logger.ts';
import { createTestEngine } from '../helpers/engine.ts';
import { createMetrics } from '../../metrics.ts';
import { createApp } from '../../server.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { startOpenAiStub } from '../helpers/openai-stub.ts';

const timeoutMs = 1000;
const database = useTestDatabase('pglite');
const closers: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const close of closers) await close();
});

async function chatAppFor(baseUrl: string) {
  const models = createAiModels({ baseUrl, apiKey: 'sk-test', chatModel: 'kaputt', timeoutMs });
  const knowledge = createKnowledgeService({ prisma: database().prisma, models, timeoutMs });
  await knowledge.ingest();
  const { engine } = await createTestEngine(database(), { models, knowledge });
  return createApp({ logger: createLogger({ level: 'silent' }), metrics: createMetrics(), routes: [{ path: '/api/chat', router: createChatRouter({ engine }) }] });
}

async function startErrorServer() {
  const server = http.createServer((_request, response) => {
    response.writeHead(500, { 'content-type': 'application/json' });
    response.end('{"error":{"message":"internal"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

async function askTimed(app: Awaited<ReturnType<typeof chatAppFor>>) {
  const started = performance.now();
  const response = await request(app).post('/api/chat').send({ user: { email: 'amt@example.org' }, text: 'Ist schulisches WLAN förderfähig?' });
  return { response, elapsedMs: performance.now() - started };
}

describe('/api/chat with a failing language model', () => {
  it('answers offline, with citations, within the LLM time limits when the endpoint hangs', async () => {
    const stub = await startOpenAiStub({ respond: () => '{}', delayMs: 60_000 });
    closers.push(stub.close);
    const { response, elapsedMs } = await askTimed(await chatAppFor(stub.baseUrl));
    process.stdout.write(`LLM hängt: /api/chat antwortete ohne LLM nach ${Math.round(elapsedMs)} ms (AI_TIMEOUT_MS ${timeoutMs}, ${stub.requests.length} Modellaufrufe)\n`);
    expect(response.status).toBe(200);
    expect(response.body.replies[0].citations[0]?.section).toBe('Schulisches WLAN');
    // The first time-out pauses the endpoint, so the answer step does not wait a second time.
    expect(elapsedMs).toBeLessThan(timeoutMs + 1500);
    expect(stub.requests.length).toBe(1);
  });

  it('answers offline at once when the endpoint returns 500', async () => {
    const { response, elapsedMs } = await askTimed(await chatAppFor(await startErrorServer()));
    process.stdout.write(`LLM antwortet 500: /api/chat antwortete ohne LLM nach ${Math.round(elapsedMs)} ms\n`);
    expect(response.status).toBe(200);
    expect(response.body.replies[0].citations[0]?.section).toBe('Schulisches WLAN');
    expect(elapsedMs).toBeLessThan(timeoutMs + 2000);
  });
});
