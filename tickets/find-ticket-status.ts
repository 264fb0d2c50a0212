import type { BookingStatus, PrismaClient, TicketStatus } from '../prisma/client.ts';

export interface TicketStatusView {
  number: string;
  subject: string;
  status: TicketStatus;
  assigneeFirstName: string | null;
  lastUpdate: Date;
  /** The ticket's latest consultation booking, with its confirmed time once there is one. */
  booking: { status: BookingStatus; startsAt: Date | null; endsAt: Date | null } | null;
  /** Without a number: how many open tickets the requester has (the newest is shown). */
  openTickets?: number;
}

/**
 * A ticket's status for the person asking, or null. Only the requester (same email, Teams id or
 * channel user id) learns anything; for anyone else the ticket does not exist, so a guessed number
 * reveals nothing.
 */
export interface FindTicketStatusOptions {
  prisma: PrismaClient;
  /** Without a number, the requester's most recently updated open ticket ("Wie sieht es aus mit unserem Antrag?"). */
  ticketNumber?: string;
  email?: string;
  teamsId?: string;
  channelUserId?: string;
}

export async function findTicketStatus({ prisma, ticketNumber, email, teamsId, channelUserId }: FindTicketStatusOptions): Promise<TicketStatusView | null> {
  if (!email && !teamsId && !channelUserId) return null;
  const include = { assignee: true, events: { orderBy: { createdAt: 'desc' as const }, take: 1 }, bookings: { orderBy: { createdAt: 'desc' as const }, take: 1 } };
  const requesterIs = [
    ...(email ? [{ requesterEmail: email.toLowerCase() }] : []),
    ...(teamsId ? [{ requesterTeamsId: teamsId }] : []),
    ...(channelUserId ? [{ requesterChannelUserId: channelUserId }] : []),
  ];
  let openTickets: number | undefined;
  let ticket;
  if (ticketNumber) {
    ticket = await prisma.ticket.findUnique({ where: { number: ticketNumber }, include });
    const isRequester =
      ticket &&
      ((email && ticket.requesterEmail === email.toLowerCase()) || (teamsId && ticket.requesterTeamsId === teamsId) || (channelUserId && ticket.requesterChannelUserId === channelUserId));
    if (!isRequester) return null;
  } else {
    const open = { OR: requesterIs, mergedIntoId: null, status: { not: 'geschlossen' as const } };
    [ticket, openTickets] = await Promise.all([prisma.ticket.findFirst({ where: open, include, orderBy: { updatedAt: 'desc' } }), prisma.ticket.count({ where: open })]);
  }
  if (!ticket) return null;
  const booking = ticket.bookings[0];
  return {
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    assigneeFirstName: ticket.assignee?.name.split(/\s+/)[0] ?? null,
    lastUpdate: ticket.events[0]?.createdAt ?? ticket.updatedAt,
    booking: booking ? { status: booking.status, startsAt: booking.startsAt, endsAt: booking.endsAt } : null,
    ...(openTickets !== undefined ? { openTickets } : {}),
  };
}
