import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { createChatRouter } from '../chat-api.ts';
import { createKnowledgeService } from '../knowledge/knowledge-service.ts';
import { createLogger } from '../logger.ts';
import { createEngineDeps } from '../main.ts';
import { createMetrics } from '../metrics.ts';
import type { Database } from '../prisma/client.ts';
import { createApp } from '../server.ts';
import { createTestDatabase, databaseKinds } from './helpers/database.ts';

describe.each(databaseKinds)('POST /api/chat on %s', (kind) => {
  let database: Database;
  let app: Express;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const knowledge = createKnowledgeService({ prisma: database.prisma });
    await knowledge.ingest();
    app = createApp({
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics(),
      routes: [{ path: '/api/chat', router: createChatRouter({ deps: createEngineDeps({ database, knowledge }) }) }],
    });
  });
  afterAll(async () => {
    await database.close();
  });

  it('answers a question with citations and records the evidence', async () => {
    const response = await request(app).post('/api/chat').send({ user: { email: 'amt@example.org' }, text: 'Sind Smartphones förderfähig?' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ intent: 'question', conversationId: expect.any(String) });
    const [reply] = response.body.replies;
    expect(reply.text).toContain('Smartphones');
    expect(reply.citations[0]).toMatchObject({ title: expect.any(String), section: 'Smartphones sind ausgeschlossen', source: expect.stringMatching(/^https:/) });
    const evidence = await database.prisma.answer.findUniqueOrThrow({ where: { id: reply.answerId } });
    expect(evidence).toMatchObject({ question: 'Sind Smartphones förderfähig?', isAbstention: false, model: null });
    const cited = await database.prisma.knowledgeChunk.findMany({ where: { id: { in: evidence.chunkIds } } });
    expect(cited.map((chunk) => chunk.sectionPath.at(-1))).toContain('Smartphones sind ausgeschlossen');
  });

  it('keeps the conversation id it was given', async () => {
    const response = await request(app).post('/api/chat').send({ conversationId: 'abc-1', text: 'Hallo' });
    expect(response.body).toMatchObject({ conversationId: 'abc-1', intent: 'greeting' });
  });

  it('refuses out-of-scope questions', async () => {
    const response = await request(app).post('/api/chat').send({ text: 'Wie hoch ist die Hundesteuer in Greifswald?' });
    expect(response.body.intent).toBe('out_of_scope');
    expect(response.body.replies[0].citations).toEqual([]);
    expect(response.body.replies[0].text).toContain('DigitalPakt Schule');
  });

  it('rejects empty, oversized and malformed requests with German messages', async () => {
    const empty = await request(app).post('/api/chat').send({ text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toEqual({ code: 'invalid_input', message: 'Bitte schreiben Sie eine Nachricht.' });
    const long = await request(app).post('/api/chat').send({ text: 'a'.repeat(10_001) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain('höchstens 10.000 Zeichen');
    const missing = await request(app).post('/api/chat').send({ user: { email: 'kein-mail' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['text', 'user.email']);
  });
});
