import type { PrismaClient } from '../prisma/client.ts';

/**
 * Notes on a ticket that a notice for its requester was not mailed (their address is not proven,
 * or no mail is set up): advisors see it in the history, the chat shows the reply instead.
 */
export async function recordHeldNotice({ prisma, ticketId, reason }: { prisma: PrismaClient; ticketId: string; reason: 'address_not_verified' | 'no_mail_transport' }): Promise<void> {
  await prisma.ticketEvent.create({ data: { ticketId, type: 'notice_held', actorType: 'system', data: { reason } } });
}
