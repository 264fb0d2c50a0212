import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { PrismaClient } from '../prisma/client.ts';
import { hashVerificationCode } from './start-chat-verification.ts';

const maxAttempts = 5;

/**
 * Checks a code against the conversation's latest open one (single use, 15 minutes, five
 * attempts). On success the conversation's caller has proven the address: it is stored on the
 * conversation, and the tickets opened in it with that address may now be answered by mail.
 */
export async function confirmChatVerification({ prisma, conversationId, code, now = new Date() }: { prisma: PrismaClient; conversationId: string; code: string; now?: Date }): Promise<{ email: string }> {
  const conversation = await prisma.conversation.findUnique({ where: { channel_externalKey: { channel: 'api', externalKey: conversationId } } });
  const pending = conversation ? await prisma.chatVerification.findFirst({ where: { conversationId: conversation.id, usedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: 'desc' } }) : null;
  const wrong = new AppError('invalid_input', 'Wrong or expired verification code', { german: 'Der Code stimmt nicht oder ist abgelaufen. Bitte prüfen Sie ihn oder fordern Sie einen neuen an.' });
  if (!conversation || !pending) throw wrong;
  if (pending.attempts >= maxAttempts) throw new AppError('rate_limited', 'Verification attempts exhausted', { german: 'Der Code wurde zu oft falsch eingegeben. Bitte fordern Sie einen neuen an.' });
  const expected = Buffer.from(pending.codeHash, 'hex');
  const given = Buffer.from(hashVerificationCode(conversation.id, code.trim()), 'hex');
  if (!timingSafeEqual(expected, given)) {
    await prisma.chatVerification.update({ where: { id: pending.id }, data: { attempts: { increment: 1 } } });
    throw wrong;
  }
  await prisma.$transaction(async (transaction) => {
    // Single use: a second confirmation of the same code finds it used.
    const { count } = await transaction.chatVerification.updateMany({ where: { id: pending.id, usedAt: null }, data: { usedAt: now } });
    if (count === 0) throw wrong;
    await transaction.conversation.update({ where: { id: conversation.id }, data: { verifiedEmail: pending.email, verifiedAt: now } });
    await transaction.ticket.updateMany({
      where: { requesterEmail: pending.email, messages: { some: { conversationId: conversation.id } } },
      data: { requesterEmailVerified: true },
    });
  });
  return { email: pending.email };
}
