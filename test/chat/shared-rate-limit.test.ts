import { randomInt } from 'node:crypto';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createChatRouter } from '../../chat/create-chat-router.ts';
import type { Engine } from '../../handlers/create-engine.ts';
import { createLogger } from '../../logger.ts';
import { createMetrics } from '../../metrics.ts';
import type { Database } from '../../prisma/client.ts';
import { createApp } from '../../server.ts';
import { createRateLimitStore } from '../../service/create-rate-limit-store.ts';
import { applyRetention, countRateLimitHit } from '../../tickets/index.ts';
import { createTestDatabase, databaseKinds } from '../helpers/database.ts';

const sessions: Engine['chatSessions'] = {
  open: async () => ({ conversationId: 'neu', verifiedEmail: null, isNew: true }),
  requestVerification: async () => ({ expiresAt: new Date() }),
  confirmVerification: async () => ({ email: '' }),
  replies: async () => [],
};

/** One service instance's chat route: its own router and store, on the given database connection. */
function instance(database: Database, messagesPerMinute: number) {
  return createApp({
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
    routes: [{
      path: '/api/chat',
      router: createChatRouter({
        engine: { handleMessage: async () => ({ intent: 'clarify', replies: [] }), chatSessions: sessions },
        messagesPerMinute,
        rateLimitStore: createRateLimitStore(database.prisma, 'chat:'),
        isLoopbackExempt: true,
      }),
    }],
  });
}

/** A client address no other test (or earlier run on the shared PostgreSQL database) used. */
const freshAddress = () => `198.18.${randomInt(256)}.${randomInt(1, 255)}`;

describe.each(databaseKinds)('chat rate limit shared by instances on %s', (kind) => {
  const opened: Database[] = [];
  const open = async () => {
    const database = await createTestDatabase(kind);
    opened.push(database);
    return database;
  };
  afterAll(async () => {
    for (const database of opened) await database.close();
  });

  it('counts one client across two instances together, also when its requests arrive at once', async () => {
    // On PostgreSQL each instance has its own connection pool, as two processes would; PGlite has one process.
    const first = await open();
    const second = kind === 'postgresql' ? await open() : first;
    const instances = [instance(first, 10), instance(second, 10)];
    const address = freshAddress();
    const statuses = await Promise.all(Array.from({ length: 16 }, (_, index) => request(instances[index % 2]!).post('/api/chat').set('x-forwarded-for', address).send({ text: '' }).then((response) => response.status)));
    // Empty texts are refused (400) after the limiter counted them.
    expect(statuses.filter((status) => status === 400)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(6);
    const refused = await request(instances[0]!).post('/api/chat').set('x-forwarded-for', address).send({ text: '' });
    expect(refused.status).toBe(429);
    expect(refused.headers.ratelimit).toMatch(/"10-in-1min"; r=0; t=\d+/);
    // Another address has its own allowance on either instance.
    expect((await request(instances[1]!).post('/api/chat').set('x-forwarded-for', freshAddress()).send({ text: '' })).status).toBe(400);
  });

  it('starts a new window when the old one has ended, and the retention job sweeps ended windows', async () => {
    const { prisma } = await open();
    const key = `test:${freshAddress()}`;
    const start = new Date('2026-12-05T10:00:00Z');
    expect((await countRateLimitHit({ prisma, key, windowMs: 60_000, now: start })).totalHits).toBe(1);
    const second = await countRateLimitHit({ prisma, key, windowMs: 60_000, now: new Date(start.getTime() + 59_000) });
    expect(second).toEqual({ totalHits: 2, resetTime: new Date(start.getTime() + 60_000) });
    const later = await countRateLimitHit({ prisma, key, windowMs: 60_000, now: new Date(start.getTime() + 60_000) });
    expect(later).toEqual({ totalHits: 1, resetTime: new Date(start.getTime() + 120_000) });
    const report = await applyRetention({ prisma, now: new Date(start.getTime() + 121_000) });
    expect(report.rateLimitsDeleted).toBeGreaterThanOrEqual(1);
    expect(await prisma.rateLimitCounter.count({ where: { key } })).toBe(0);
  });
});
