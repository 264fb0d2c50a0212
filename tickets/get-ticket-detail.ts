import type { PrismaClient } from '../prisma/client.ts';
import { listSelect } from './list-tickets.ts';

export async function getTicketDetail({ prisma, number }: { prisma: PrismaClient; number: string }) {
  return prisma.ticket.findUnique({
    where: { number },
    select: {
      ...listSelect,
      id: true,
      facts: true,
      missingFacts: true,
      school: { select: { name: true, dienststellennummer: true } },
      mergedInto: { select: { number: true } },
      mergedTickets: { select: { number: true } },
      messages: { orderBy: { createdAt: 'asc' }, select: { direction: true, channel: true, text: true, isInternalNote: true, authorName: true, createdAt: true } },
      events: { orderBy: { createdAt: 'asc' }, select: { type: true, actorType: true, actorId: true, data: true, createdAt: true } },
      bookings: { select: { id: true, status: true, topic: true, mode: true, preferredWindows: true, startsAt: true, endsAt: true, calendarUid: true, sequence: true } },
    },
  });
}
