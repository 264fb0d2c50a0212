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

/** The key of a trusted integration in these tests: its calls vouch for `user.email`. */
export const testIntegrationKey = 'test-integration-key-0123456789abcdef';

/**
 * The HTTP app with the real engine over a test database and the shipped knowledge base. `say`
 * speaks as a trusted integration (the address counts as proven) unless `asIntegration` is false;
 * its conversation names are the test's own, mapped to the ids the server issues.
 */
export async function createChatApp(database: Database, { override = {}, messagesPerMinute, asIntegration = true }: { override?: Partial<EngineDeps>; messagesPerMinute?: number; asIntegration?: boolean } = {}) {
  const { engine } = await createTestEngine(database, { override });
  const app: Express = createApp({
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
    routes: [{ path: '/api/chat', router: createChatRouter({ engine, messagesPerMinute, integrationKeys: [testIntegrationKey] }) }],
  });
  const issued = new Map<string, string>();
  const say = async (conversation: string, user: { email?: string; id?: string; name?: string }, text: string): Promise<ChatTurn> => {
    const call = request(app).post('/api/chat');
    if (asIntegration) call.set('authorization', `Bearer ${testIntegrationKey}`);
    const response = await call.send({ conversationId: issued.get(conversation), user, text });
    if (response.status !== 200) throw new Error(`chat answered ${response.status}: ${JSON.stringify(response.body)}`);
    issued.set(conversation, (response.body as { conversationId: string }).conversationId);
    return response.body as ChatTurn;
  };
  return { app, say, engine, conversationIdOf: (conversation: string) => issued.get(conversation) };
}
