import { createHash, timingSafeEqual } from 'node:crypto';
import { type RequestHandler, Router } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import pLimit from 'p-limit';
import { z } from 'zod';
import { AppError, parseInput } from '../errors.ts';
import type { Engine } from '../handlers/create-engine.ts';
import { isDirectLoopbackRequest } from '../server.ts';

/** The HTTP chat channel (`POST /api/chat`): validates, hands over to the engine, renders JSON. */
const chatRequestSchema = z.object({
  conversationId: z.string().trim().min(1).max(200).optional(),
  user: z
    .object({
      id: z.string().trim().max(200).optional(),
      name: z.string().trim().max(200).optional(),
      email: z.email().max(320).optional(),
    })
    .default({}),
  text: z.string(),
});

export const maxChatTextLength = 10_000;

export interface CreateChatRouterOptions {
  engine: Pick<Engine, 'handleMessage' | 'chatSessions'>;
  /** Messages per client address and minute (the only key a caller cannot choose); 0 = no limit. */
  messagesPerMinute?: number;
  /** Where the limit counts; the service passes a database store so that all instances count together. Default: this process's memory. */
  rateLimitStore?: Store;
  /**
   * Keys of trusted integrations (a portal that signs its users in): a request with
   * `Authorization: Bearer <key>` vouches for its `user.email`, which then counts as proven.
   */
  integrationKeys?: string[];
  /**
   * Requests made directly on this machine (loopback, no X-Forwarded-For: health checks, load
   * tests, local integrations) are not counted. Proxied clients keep their real address through
   * `trust proxy`, so they are counted as usual.
   */
  isLoopbackExempt?: boolean;
  /** Messages handled at once; more wait first in, first out. */
  maxConcurrent?: number;
  /** Messages allowed to wait; beyond that the answer is 503. */
  maxQueued?: number;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether the request carries one of the integration keys (compared in constant time). */
function isTrustedIntegration(authorization: string | undefined, keys: Buffer[]): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!given) return false;
  const hashed = digest(given);
  return keys.some((key) => timingSafeEqual(key, hashed));
}

const verificationRequestSchema = z.object({ conversationId: z.string().trim().min(1).max(200), email: z.email().max(320) });
const verificationConfirmSchema = z.object({ conversationId: z.string().trim().min(1).max(200), code: z.string().trim().regex(/^\d{6}$/) });

const parseOrThrow = <T>(schema: z.ZodType<T>, body: unknown, german: string): T => parseInput(schema, body, { message: 'Invalid request', german });

export function createChatRouter({ engine, messagesPerMinute = 30, rateLimitStore, integrationKeys = [], isLoopbackExempt = false, maxConcurrent = 4, maxQueued = 200 }: CreateChatRouterOptions): Router {
  const router = Router();
  const hashedKeys = integrationKeys.map(digest);
  const clientOf = (request: { ip?: string }) => `ip:${ipKeyGenerator(request.ip ?? '')}`;
  // Fair queueing: one client address may hold only its share of the waiting places.
  const pendingByClient = new Map<string, number>();
  const perClientQueue = Math.max(2, Math.floor(maxQueued / 10));
  // On the embedded database every query runs on this one thread: handling all messages at once
  // only interleaves them, so the slowest wait for seconds and health checks starve. A short FIFO
  // queue keeps waits even and the event loop free.
  const admission = pLimit(maxConcurrent);
  const limiter: RequestHandler = messagesPerMinute === 0 ? (_request, _response, next) => next() : rateLimit({
    windowMs: 60_000,
    limit: messagesPerMinute,
    skip: (request) => isLoopbackExempt && isDirectLoopbackRequest(request),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(rateLimitStore ? { store: rateLimitStore } : {}),
    // The client address (behind a proxy: as `trust proxy` resolves it), never a user id or
    // address from the body, which a caller can rotate at will.
    keyGenerator: clientOf,
    handler(_request, _response, next) {
      next(new AppError('rate_limited', 'Chat rate limit exceeded'));
    },
  });
  router.post('/', limiter, async function postChat(request, response) {
    const { user, text, conversationId } = parseInput(chatRequestSchema, request.body, { message: 'Invalid chat request', german: 'Die Chat-Anfrage ist ungültig' });
    if (text.trim() === '') {
      throw new AppError('invalid_input', 'Empty text', { german: 'Bitte schreiben Sie eine Nachricht.' });
    }
    if (text.length > maxChatTextLength) {
      throw new AppError('invalid_input', 'Text too long', {
        german: `Ihre Nachricht ist zu lang (höchstens ${maxChatTextLength.toLocaleString('de-DE')} Zeichen). Bitte kürzen Sie sie oder schicken Sie sie per E-Mail.`,
      });
    }
    if (admission.pendingCount >= maxQueued) {
      throw new AppError('unavailable', 'Chat queue full', { german: 'Der Assistent ist gerade stark ausgelastet. Bitte versuchen Sie es in einer Minute noch einmal.' });
    }
    const client = clientOf(request);
    if ((pendingByClient.get(client) ?? 0) >= perClientQueue) {
      throw new AppError('rate_limited', 'Too many pending chat messages from one client', { german: 'Sie haben noch Nachrichten in Bearbeitung. Bitte warten Sie deren Antwort ab.' });
    }
    // Only an id the server issued continues a conversation; any other starts a new one.
    const session = await engine.chatSessions.open(conversationId);
    const isVouched = isTrustedIntegration(request.headers.authorization, hashedKeys) && user.email !== undefined;
    const sender = session.verifiedEmail
      ? { id: user.id, name: user.name, email: session.verifiedEmail, isProven: true }
      : { id: user.id, name: user.name, email: user.email, isProven: isVouched };
    pendingByClient.set(client, (pendingByClient.get(client) ?? 0) + 1);
    const handled = await admission(() => engine.handleMessage({ channel: 'api', sender, conversationKey: session.conversationId, isNewConversation: session.isNew, text })).finally(() => {
      const left = (pendingByClient.get(client) ?? 1) - 1;
      if (left > 0) pendingByClient.set(client, left);
      else pendingByClient.delete(client);
    });
    const advisorReplies = session.isNew ? [] : await engine.chatSessions.replies({ conversationId: session.conversationId, markSeen: true });
    response.json({
      conversationId: session.conversationId,
      identity: { email: sender.email ?? null, isVerified: sender.isProven },
      ...(advisorReplies.length > 0 ? { advisorReplies } : {}),
      intent: handled.intent,
      replies: handled.replies.map((reply) => ({
        text: reply.text,
        citations: reply.citations,
        suggestedActions: reply.suggestedActions,
        ...(reply.answerId ? { answerId: reply.answerId } : {}),
      })),
      ...(handled.triage ? { triage: handled.triage } : {}),
      ...(handled.ticket ? { ticket: handled.ticket } : {}),
      ...(handled.booking ? { booking: handled.booking } : {}),
    });
  });

  // Proving an address: a code goes to it by mail, and the caller of the conversation types it in.
  router.post('/verification', limiter, async (request, response) => {
    const { conversationId, email } = parseOrThrow(verificationRequestSchema, request.body, 'Bitte geben Sie „conversationId“ und eine gültige „email“ an.');
    const { expiresAt } = await engine.chatSessions.requestVerification({ conversationId, email });
    response.status(202).json({ sent: true, expiresAt: expiresAt.toISOString() });
  });
  router.post('/verification/confirm', limiter, async (request, response) => {
    const { conversationId, code } = parseOrThrow(verificationConfirmSchema, request.body, 'Bitte geben Sie „conversationId“ und den sechsstelligen „code“ an.');
    const { email } = await engine.chatSessions.confirmVerification({ conversationId, code });
    response.json({ verified: true, email });
  });
  // Advisors' replies to the tickets of a conversation; the unguessable id is the caller's key.
  router.get('/:conversationId/replies', limiter, async (request, response) => {
    const after = typeof request.query.after === 'string' && !Number.isNaN(Date.parse(request.query.after)) ? new Date(request.query.after) : new Date(0);
    response.json({ replies: await engine.chatSessions.replies({ conversationId: String(request.params.conversationId), after }) });
  });
  return router;
}
