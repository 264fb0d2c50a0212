import { Writable } from 'node:stream';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { createChatRouter } from '../chat/create-chat-router.ts';
import type { Engine } from '../handlers/create-engine.ts';
import { createLogger } from '../logger.ts';
import { createTestEngine } from './helpers/engine.ts';
import { createMetrics } from '../metrics.ts';
import type { Database } from '../prisma/client.ts';
import { createApp } from '../server.ts';
import { describeOnEachDatabase } from './helpers/database.ts';

describeOnEachDatabase('POST /api/chat', (openDatabase) => {
  let database: Database;
  let app: Express;
  beforeAll(async () => {
    database = openDatabase();
    const { engine } = await createTestEngine(database);
    app = createApp({
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics(),
      routes: [{ path: '/api/chat', router: createChatRouter({ engine }) }],
    });
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

  it('issues its own conversation ids, keeps one it issued, and starts anew for one it never issued', async () => {
    const first = await request(app).post('/api/chat').send({ text: 'Hallo' });
    expect(first.body).toMatchObject({ intent: 'greeting', conversationId: expect.stringMatching(/^[0-9a-f-]{36}$/), identity: { email: null, isVerified: false } });
    const again = await request(app).post('/api/chat').send({ conversationId: first.body.conversationId, text: 'Ist WLAN förderfähig?' });
    expect(again.body.conversationId).toBe(first.body.conversationId);
    const chosen = await request(app).post('/api/chat').send({ conversationId: 'abc-1', text: 'Hallo' });
    expect(chosen.body.conversationId).not.toBe('abc-1');
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
    expect(missing.body.error.details).toEqual([
      { path: 'user.email', message: 'ist keine gültige E-Mail-Adresse' },
      { path: 'text', message: 'fehlt' },
    ]);
    expect(missing.body.error.message).toBe('Die Chat-Anfrage ist ungültig: „user.email“ ist keine gültige E-Mail-Adresse; „text“ fehlt.');
    // Only what is wrong is named: a present text is not reported missing, a wrong type is said as such.
    const wrongType = await request(app).post('/api/chat').send({ user: { email: 'kein-mail' }, text: 'Hallo' });
    expect(wrongType.body.error.details).toEqual([{ path: 'user.email', message: 'ist keine gültige E-Mail-Adresse' }]);
    const numberText = await request(app).post('/api/chat').send({ text: 42 });
    expect(numberText.body.error.message).toBe('Die Chat-Anfrage ist ungültig: „text“ muss ein Text sein.');
    expect(JSON.stringify([missing.body, wrongType.body, numberText.body])).not.toMatch(/Invalid|expected|received|undefined/);
    const notAnObject = await request(app).post('/api/chat').set('content-type', 'application/json').send('[]');
    expect(notAnObject.body.error.message).toBe('Die Chat-Anfrage ist ungültig: die Anfrage muss ein Objekt sein.');
  });
});

/** Sessions for router tests whose engine is a stand-in: every message starts a new conversation. */
const newSessions: Engine['chatSessions'] = {
  open: async () => ({ conversationId: 'neu', verifiedEmail: null, isNew: true }),
  requestVerification: async () => ({ expiresAt: new Date() }),
  confirmVerification: async () => ({ email: '' }),
  replies: async () => [],
};

describe('chat rate limit', () => {
  // Empty texts are refused after the limiter has counted them, so the engine is never needed here.
  function limitedApp(options: { messagesPerMinute?: number; isLoopbackExempt?: boolean }) {
    return createApp({
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics(),
      routes: [{ path: '/api/chat', router: createChatRouter({ engine: { handleMessage: async () => ({ intent: 'clarify', replies: [] }), chatSessions: newSessions }, ...options }) }],
    });
  }
  const user = { email: 'eilig@example.org' };

  it('counts proxied clients by their address, whatever user id or address they claim', async () => {
    const app = limitedApp({ messagesPerMinute: 30, isLoopbackExempt: true });
    const statuses: number[] = [];
    for (let index = 0; index < 45; index += 1) {
      const rotating = { id: `nutzer-${index}`, email: `nutzer-${index}@example.org` };
      statuses.push((await request(app).post('/api/chat').set('x-forwarded-for', '198.51.100.4').send({ user: rotating, text: '' })).status);
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    // Another client address has its own allowance.
    expect((await request(app).post('/api/chat').set('x-forwarded-for', '198.51.100.99').send({ user, text: '' })).status).toBe(400);
  });

  it('does not count requests made directly from this machine when loopback is exempt', async () => {
    const app = limitedApp({ messagesPerMinute: 2, isLoopbackExempt: true });
    for (let index = 0; index < 6; index += 1) expect((await request(app).post('/api/chat').send({ user, text: '' })).status).toBe(400);
    const counted = limitedApp({ messagesPerMinute: 2 });
    await request(counted).post('/api/chat').send({ user, text: '' });
    await request(counted).post('/api/chat').send({ user, text: '' });
    expect((await request(counted).post('/api/chat').send({ user, text: '' })).status).toBe(429);
  });

  it('logs a shed request at info, not as a warning (a flood of warnings would feed the overload)', async () => {
    const lines: { level: number; msg?: string }[] = [];
    const destination = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(...chunk.toString().trim().split('\n').map((line) => JSON.parse(line) as { level: number })); done(); } });
    const app = createApp({
      logger: createLogger({ level: 'info', destination }),
      metrics: createMetrics(),
      routes: [{ path: '/api/chat', router: createChatRouter({ engine: { handleMessage: async () => ({ intent: 'clarify', replies: [] }), chatSessions: newSessions }, messagesPerMinute: 1 }) }],
    });
    await request(app).post('/api/chat').send({ user, text: '' });
    expect((await request(app).post('/api/chat').send({ user, text: '' })).status).toBe(429);
    const shed = lines.filter((line) => JSON.stringify(line).includes('429') || JSON.stringify(line).includes('rate_limited'));
    expect(shed.length).toBeGreaterThan(0);
    expect(shed.every((line) => line.level === 30)).toBe(true);
    // The refused empty text (400) still is a warning.
    expect(lines.some((line) => line.level === 40)).toBe(true);
  });

  it('is off with 0', async () => {
    const app = limitedApp({ messagesPerMinute: 0 });
    for (let index = 0; index < 40; index += 1) expect((await request(app).post('/api/chat').set('x-forwarded-for', '198.51.100.5').send({ user, text: '' })).status).toBe(400);
  });

  it('handles a few messages at once, queues the rest in order and refuses beyond the queue', async () => {
    const started: string[] = [];
    const releases: (() => void)[] = [];
    // Each message stops in the engine until released, so the queue can be watched.
    const engine: Pick<Engine, 'handleMessage' | 'chatSessions'> = {
      chatSessions: newSessions,
      handleMessage: (message) =>
        new Promise((resolve) => {
          started.push(message.sender.email ?? '');
          releases.push(() => resolve({ intent: 'clarify', replies: [] }));
        }),
    };
    const app = createApp({ logger: createLogger({ level: 'silent' }), metrics: createMetrics(), routes: [{ path: '/api/chat', router: createChatRouter({ engine, messagesPerMinute: 0, maxConcurrent: 1, maxQueued: 1 }) }] });
    const send = (email: string) => request(app).post('/api/chat').send({ user: { email }, text: 'abbrechen' }).then((response) => response);
    const first = send('eins@example.org');
    await expect.poll(() => started).toEqual(['eins@example.org']);
    const second = send('zwei@example.org');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const third = await send('drei@example.org');
    expect(third.status).toBe(503);
    expect(third.body.error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('ausgelastet') });
    expect(started).toEqual(['eins@example.org']);
    releases[0]!();
    expect((await first).status).toBe(200);
    await expect.poll(() => started).toEqual(['eins@example.org', 'zwei@example.org']);
    releases[1]!();
    expect((await second).status).toBe(200);
  });
});
