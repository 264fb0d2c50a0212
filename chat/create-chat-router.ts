import { randomUUID } from 'node:crypto';
import { type RequestHandler, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import pLimit from 'p-limit';
import { z } from 'zod';
import { AppError } from '../errors.ts';
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
  engine: Pick<Engine, 'handleMessage'>;
  /** Messages per user (email, else user id, else client address) and minute; 0 = no limit. */
  messagesPerMinute?: number;
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

export function createChatRouter({ engine, messagesPerMinute = 30, isLoopbackExempt = false, maxConcurrent = 4, maxQueued = 200 }: CreateChatRouterOptions): Router {
  const router = Router();
  // On the embedded database every query runs on this one thread: handling all messages at once
  // only interleaves them, so the slowest wait for seconds and health checks starve. A short FIFO
  // queue keeps waits even and the event loop free.
  const admission = pLimit(maxConcurrent);
  // Per instance; behind a load balancer each instance counts its own share.
  const limiter: RequestHandler = messagesPerMinute === 0 ? (_request, _response, next) => next() : rateLimit({
    windowMs: 60_000,
    limit: messagesPerMinute,
    skip: (request) => isLoopbackExempt && isDirectLoopbackRequest(request),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator(request) {
      const user = (request.body as { user?: { email?: unknown; id?: unknown } } | undefined)?.user;
      const key = typeof user?.email === 'string' ? user.email.toLowerCase() : typeof user?.id === 'string' ? `id:${user.id}` : `ip:${ipKeyGenerator(request.ip ?? '')}`;
      return key;
    },
    handler(_request, _response, next) {
      next(new AppError('rate_limited', 'Chat rate limit exceeded'));
    },
  });
  router.post('/', limiter, async function postChat(request, response) {
    const parsed = chatRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      throw new AppError('invalid_input', 'Invalid chat request', {
        german: 'Die Anfrage braucht ein Feld „text“ mit Ihrer Nachricht; „user.email“ muss eine gültige E-Mail-Adresse sein.',
        details: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    const { conversationId = randomUUID(), user, text } = parsed.data;
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
    const handled = await admission(() =>
      engine.handleMessage({ channel: 'api', sender: { id: user.id, name: user.name, email: user.email }, conversationKey: conversationId, text }),
    );
    response.json({
      conversationId,
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
  return router;
}
