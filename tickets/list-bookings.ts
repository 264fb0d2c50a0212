import type { BookingStatus, PrismaClient } from '../prisma/client.ts';

export async function listBookings({ prisma, status }: { prisma: PrismaClient; status?: BookingStatus }) {
  return prisma.booking.findMany({
    where: status ? { status } : {},
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: { id: true, status: true, topic: true, mode: true, preferredWindows: true, participants: true, startsAt: true, endsAt: true, meetingUrl: true, sequence: true, ticket: { select: { number: true, requesterName: true, requesterEmail: true } }, advisor: { select: { name: true } } },
  });
}
