import type { PrismaClient } from '../prisma/client.ts';

/** Where to reach a ticket's requester: the channel, for Teams the stored reference of their chat, for mail the thread. */
export async function findRequesterRoute({ prisma, ticketId }: { prisma: PrismaClient; ticketId: string }) {
  const ticket = await prisma.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) return null;
  const firstMessage = await prisma.message.findFirst({ where: { ticketId, direction: 'in', conversationId: { not: null } }, orderBy: { createdAt: 'asc' }, include: { conversation: true } });
  // The requester's mails, so that what we send threads under their latest one (RFC 5322 §3.6.4).
  const mails = await prisma.message.findMany({ where: { ticketId, channel: 'email', externalId: { not: null } }, orderBy: { createdAt: 'asc' }, select: { externalId: true, direction: true } });
  const lastInbound = mails.filter((mail) => mail.direction === 'in').at(-1)?.externalId ?? undefined;
  return {
    ticket,
    channel: ticket.channel,
    // A chat caller's typed address gets mail only once it was proven (a code mailed to it).
    email: ticket.channel === 'api' && !ticket.requesterEmailVerified ? null : ticket.requesterEmail,
    teamsReference: (firstMessage?.conversation?.conversationReference as Record<string, unknown> | null | undefined) ?? null,
    thread: lastInbound ? { inReplyTo: lastInbound, references: mails.map((mail) => mail.externalId!).slice(-20) } : undefined,
  };
}
