import type { PrismaClient, TicketStatus } from '../prisma/client.ts';

export interface TicketStatusView {
  number: string;
  subject: string;
  status: TicketStatus;
  assigneeFirstName: string | null;
  lastUpdate: Date;
}

/**
 * A ticket's status for the person asking, or null. Only the requester (same email, Teams id or
 * channel user id) learns anything; for anyone else the ticket does not exist, so a guessed number
 * reveals nothing.
 */
export interface FindTicketStatusOptions {
  prisma: PrismaClient;
  ticketNumber: string;
  email?: string;
  teamsId?: string;
  channelUserId?: string;
}

export async function findTicketStatus({ prisma, ticketNumber, email, teamsId, channelUserId }: FindTicketStatusOptions): Promise<TicketStatusView | null> {
  if (!email && !teamsId && !channelUserId) return null;
  const ticket = await prisma.ticket.findUnique({
    where: { number: ticketNumber },
    include: { assignee: true, events: { orderBy: { createdAt: 'desc' }, take: 1 } },
  });
  if (!ticket) return null;
  const isRequester =
    (email && ticket.requesterEmail === email.toLowerCase()) ||
    (teamsId && ticket.requesterTeamsId === teamsId) ||
    (channelUserId && ticket.requesterChannelUserId === channelUserId);
  if (!isRequester) return null;
  return {
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    assigneeFirstName: ticket.assignee?.name.split(/\s+/)[0] ?? null,
    lastUpdate: ticket.events[0]?.createdAt ?? ticket.updatedAt,
  };
}
