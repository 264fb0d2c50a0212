import { AppError } from '../errors.ts';
import type { Booking, BookingMode, BookingStatus, PrismaClient } from '../prisma/client.ts';
import { enqueueOutbox } from './outbox.ts';
import { bookingStatusLabels } from '../vocabulary/index.ts';

const allowed: Record<string, BookingStatus[]> = {
  claim: ['angefragt'],
  confirm: ['angefragt', 'uebernommen'],
  reschedule: ['bestaetigt'],
  cancel: ['angefragt', 'uebernommen', 'bestaetigt'],
};

type Change =
  | { action: 'claim'; advisorId: string }
  | { action: 'confirm'; advisorId: string; startsAt: Date; endsAt: Date; mode: BookingMode; meetingUrl?: string | null }
  | { action: 'reschedule'; advisorId: string; startsAt: Date; endsAt: Date; meetingUrl?: string | null }
  | { action: 'cancel'; actorId?: string; reason?: string };

/**
 * Claims, confirms, reschedules or cancels a booking. Every change that the requester's calendar
 * must follow (confirm, reschedule, cancel) increases SEQUENCE under the same UID and queues the
 * invitation for the email channel.
 */
export async function changeBooking({ prisma, bookingId, change, now = new Date() }: { prisma: PrismaClient; bookingId: string; change: Change; now?: Date }): Promise<Booking> {
  return prisma.$transaction(async (transaction) => {
    const booking = await transaction.booking.findUnique({ where: { id: bookingId }, include: { ticket: true } });
    if (!booking) throw new AppError('not_found', `Booking ${bookingId} not found`, { german: 'Diese Beratungsanfrage gibt es nicht.' });
    if (!allowed[change.action]!.includes(booking.status)) {
      throw new AppError('conflict', `Cannot ${change.action} a booking in status ${booking.status}`, { german: `Die Beratung ist im Status „${bookingStatusLabels[booking.status]}“; das ist so nicht möglich.`, details: { status: booking.status } });
    }
    if ((change.action === 'confirm' || change.action === 'reschedule') && change.endsAt <= change.startsAt) {
      throw new AppError('invalid_input', 'End before start', { german: 'Das Ende des Termins muss nach dem Beginn liegen.' });
    }
    const data =
      change.action === 'claim'
        ? { status: 'uebernommen' as const, advisorId: change.advisorId }
        : change.action === 'confirm'
          ? { status: 'bestaetigt' as const, advisorId: change.advisorId, startsAt: change.startsAt, endsAt: change.endsAt, mode: change.mode, meetingUrl: change.meetingUrl ?? null, sequence: { increment: 1 } }
          : change.action === 'reschedule'
            ? { startsAt: change.startsAt, endsAt: change.endsAt, ...(change.meetingUrl !== undefined ? { meetingUrl: change.meetingUrl } : {}), sequence: { increment: 1 } }
            : { status: 'abgesagt' as const, sequence: { increment: 1 } };
    const updated = await transaction.booking.update({ where: { id: bookingId }, data, include: { advisor: { select: { name: true } } } });
    const actorId = 'advisorId' in change ? change.advisorId : change.actorId;
    await transaction.ticketEvent.create({ data: { ticketId: booking.ticketId, type: `booking_${change.action}`, actorType: 'advisor', actorId, data: { bookingId, status: updated.status, sequence: updated.sequence }, createdAt: now } });
    if (change.action === 'claim') {
      // The same holder rule as claiming the ticket: a case someone else works on is not taken over
      // by claiming its booking.
      const { count } = await transaction.ticket.updateMany({
        where: { id: booking.ticketId, OR: [{ assigneeId: null }, { assigneeId: change.advisorId }, { status: 'neu' }] },
        data: { assigneeId: change.advisorId, status: booking.ticket.status === 'neu' ? 'in_bearbeitung' : booking.ticket.status },
      });
      if (count === 0) {
        throw new AppError('conflict', `Ticket ${booking.ticket.number} is held by another advisor`, {
          german: `Der Vorgang ${booking.ticket.number} wird bereits von einer Kollegin oder einem Kollegen bearbeitet.`,
        });
      }
    } else {
      await enqueueOutbox(transaction, {
        kind: 'requester_notification',
        target: { ticketId: booking.ticketId },
        payload: {
          event: `booking_${change.action}`,
          bookingId,
          calendarUid: updated.calendarUid,
          sequence: updated.sequence,
          startsAt: updated.startsAt?.toISOString() ?? null,
          endsAt: updated.endsAt?.toISOString() ?? null,
          mode: updated.mode,
          meetingUrl: updated.meetingUrl,
          topic: updated.topic,
          advisorName: updated.advisor?.name ?? null,
        },
        idempotencyKey: `booking:${bookingId}:${updated.sequence}`,
        ticketId: booking.ticketId,
      });
    }
    const { advisor: _advisor, ...booking_ } = updated;
    return booking_;
  });
}
