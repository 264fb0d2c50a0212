import { randomUUID } from 'node:crypto';
import type { Booking, BookingMode, Channel, Prisma, PrismaClient, Ticket } from '../prisma/client.ts';
import { createTicket, type Requester } from './create-ticket.ts';
import { enqueueOutbox } from './outbox.ts';
import { triageRequest } from './triage-request.ts';

export const bookingModeLabels: Record<BookingMode, string> = { telefon: 'Telefon', video: 'Videokonferenz', vor_ort: 'vor Ort' };

export interface CreateBookingOptions {
  prisma: PrismaClient;
  channel: Channel;
  requester: Requester;
  topic: string;
  mode?: BookingMode;
  preferredWindows: string[];
  participants: string[];
  schoolBoardId?: string;
  /** The requester's own words, kept as the ticket's first message. */
  text: string;
  missingFacts?: string[];
  conversationId?: string;
  now?: Date;
}

/**
 * A consultation request: a `beratung` ticket and a booking (`angefragt`) with a stable calendar
 * UID, and the advisors' notification, in one transaction.
 */
export async function createBooking({ prisma, channel, requester, topic, mode, preferredWindows, participants, schoolBoardId, text, missingFacts = [], conversationId, now = new Date() }: CreateBookingOptions): Promise<{ ticket: Ticket; booking: Booking }> {
  const triage = triageRequest({ text: `${topic} ${text}`, categoryHint: 'beratung' });
  let booking: Booking | undefined;
  const facts: Prisma.InputJsonValue = { topic, mode: mode ?? null, preferredWindows, participants };
  const ticket = await createTicket({
    prisma,
    channel,
    subject: `Beratungswunsch: ${topic}`,
    text,
    requester,
    triage,
    facts,
    missingFacts,
    schoolBoardId,
    conversationId,
    now,
    async alsoInTransaction(transaction, created) {
      booking = await transaction.booking.create({
        data: { ticketId: created.id, topic, mode, preferredWindows, participants, calendarUid: `${randomUUID()}@schulit.ego-mv`, createdAt: now },
      });
      await transaction.ticketEvent.create({ data: { ticketId: created.id, type: 'booking_requested', actorType: 'requester', actorId: requester.contactId, data: { bookingId: booking.id, ...facts }, createdAt: now } });
      await enqueueOutbox(transaction, {
        kind: 'advisor_notification',
        target: { channel: 'advisors' },
        payload: { event: 'booking_requested', ticketNumber: created.number, bookingId: booking.id, topic, mode: mode ?? null, preferredWindows },
        idempotencyKey: `booking-requested:${booking.id}`,
        ticketId: created.id,
      });
    },
  });
  return { ticket, booking: booking! };
}
