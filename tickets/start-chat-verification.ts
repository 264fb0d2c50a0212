import { createHash, randomInt } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { enqueueOutbox } from './outbox.ts';

export const verificationCodeTtlMs = 15 * 60_000;
const codesPerHour = 3;

/** How a code is kept: a hash bound to its conversation (a leaked table reveals no code). */
export function hashVerificationCode(conversationId: string, code: string): string {
  return createHash('sha256').update(`${conversationId}:${code}`).digest('hex');
}

/**
 * Mails a six-digit code that proves `email` for an API conversation. At most three codes per
 * conversation and hour; the code itself is written to no table and no log, only into the mail.
 */
export async function startChatVerification({ prisma, conversationId, email, from, now = new Date() }: { prisma: PrismaClient; conversationId: string; email: string; from: { domain: string }; now?: Date }): Promise<{ expiresAt: Date }> {
  const conversation = await prisma.conversation.findUnique({ where: { channel_externalKey: { channel: 'api', externalKey: conversationId } } });
  if (!conversation) throw new AppError('not_found', 'Unknown conversation', { german: 'Diese Unterhaltung gibt es nicht. Bitte beginnen Sie eine neue.' });
  const recent = await prisma.chatVerification.count({ where: { conversationId: conversation.id, createdAt: { gte: new Date(now.getTime() - 3_600_000) } } });
  if (recent >= codesPerHour) throw new AppError('rate_limited', 'Too many verification codes', { german: 'Für diese Unterhaltung wurden gerade schon mehrere Codes verschickt. Bitte versuchen Sie es in einer Stunde wieder.' });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + verificationCodeTtlMs);
  await prisma.$transaction(async (transaction) => {
    const verification = await transaction.chatVerification.create({ data: { conversationId: conversation.id, email, codeHash: hashVerificationCode(conversation.id, code), expiresAt } });
    await enqueueOutbox(transaction, {
      kind: 'email',
      target: { to: email },
      payload: {
        to: email,
        subject: 'Ihr Bestätigungscode für den Schul-IT Assistenten',
        text: `Guten Tag,\n\nIhr Bestätigungscode lautet: ${code}\n\nEr gilt 15 Minuten und nur einmal. Wenn Sie ihn nicht angefordert haben, können Sie diese Mail ignorieren.\n\nMit freundlichen Grüßen\nIhr Schul-IT Assistent (Zweckverband eGo-MV)`,
        messageId: `<verification-${verification.id}@${from.domain}>`,
        isAutomatic: true,
      },
      idempotencyKey: `verification:${verification.id}`,
    });
  });
  return { expiresAt };
}
