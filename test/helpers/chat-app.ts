import type { Express } from 'express';
import request from 'supertest';
import { createChatRouter } from '../../chat/create-chat-router.ts';
import type { EngineDeps } from '../../handlers/engine-deps.ts';
import { createLogger } from '../../logger.ts';
import { createMetrics } from '../../metrics.ts';
import type { Database } from '../../prisma/client.ts';
import { createApp } from '../../server.ts';
import { createTestEngine } from './engine.ts';

export interface ChatTurn {
  intent: string;
  replies: { text: string; citations: { title: string; section?: string }[] }[];
  triage?: { category: string; priority: string };
  ticket?: { number: string; category: string; priority: string; status: string };
  booking?: { id: string; status: string };
}

/** The HTTP app with the real engine over a test database and the shipped knowledge base. */
export async function createChatApp(database: Database, { override = {}, messagesPerMinute }: { override?: Partial<EngineDeps>; messagesPerMinute?: number } = {}) {
  const { engine } = await createTestEngine(database, { override });
  const app: Express = createApp({
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
    routes: [{ path: '/api/chat', router: createChatRouter({ engine, messagesPerMinute }) }],
  });
  const say = async (conversationId: string, user: { email?: string; id?: string; name?: string }, text: string): Promise<ChatTurn> => {
    const response = await request(app).post('/api/chat').send({ conversationId, user, text });
    if (response.status !== 200) throw new Error(`chat answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as ChatTurn;
  };
  return { app, say };
}
