import type { BookingStatus, Prisma, PrismaClient } from '../prisma/client.ts';

export interface BookingListFilter {
  status?: BookingStatus;
  /**
   * A calendar range (the week agenda): bookings with a time in it, and every request still
   * without a time (its preferred windows may lie in the range).
   */
  range?: { from: Date; to: Date };
}

/** Bookings for the workspace, newest first, with the ticket's requester and school board. */
export async function listBookings({ prisma, status, range }: { prisma: PrismaClient } & BookingListFilter) {
  const where: Prisma.BookingWhereInput = {
    ...(status ? { status } : {}),
    ...(range ? { OR: [{ startsAt: { gte: range.from, lt: range.to } }, { startsAt: null, status: { in: ['angefragt', 'uebernommen'] } }] } : {}),
  };
  return prisma.booking.findMany({
    where,
    orderBy: { createdAt: 'desc' },
    take: range ? 500 : 200,
    select: {
      id: true,
      status: true,
      topic: true,
      mode: true,
      preferredWindows: true,
      participants: true,
      startsAt: true,
      endsAt: true,
      meetingUrl: true,
      sequence: true,
      ticket: { select: { number: true, requesterName: true, requesterEmail: true, schoolBoard: { select: { name: true } } } },
      advisor: { select: { name: true } },
    },
  });
}
