import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { AppError } from './errors.ts';
import type { EngineDeps } from './handlers/engine-deps.ts';
import { handleInboundMessage } from './handlers/handle-inbound-message.ts';

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

export function createChatRouter({ deps }: { deps: EngineDeps }): Router {
  const router = Router();
  router.post('/', async function postChat(request, response) {
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
    const handled = await handleInboundMessage(
      { channel: 'api', sender: { id: user.id, name: user.name, email: user.email }, conversationKey: conversationId, text },
      deps,
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
