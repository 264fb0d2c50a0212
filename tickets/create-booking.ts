import { randomUUID } from 'node:crypto';
import type { Booking, BookingMode, Channel, PrismaClient, Ticket } from '../prisma/client.ts';
import { createTicket, type CreateTicketOptions, type Requester } from './create-ticket.ts';
import { enqueueOutbox } from './outbox.ts';
import { triageRequest } from './triage-request.ts';


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
  /** For a request by mail: its dedupe record, original text, attachments and acknowledgement, as `createTicket` takes them. */
  mail?: Pick<CreateTicketOptions, 'dedupe' | 'acknowledgement' | 'originalText' | 'attachments' | 'externalMessageId'>;
}

/**
 * A consultation request: a `beratung` ticket and a booking (`angefragt`) with a stable calendar
 * UID, and the advisors' notification, in one transaction.
 */
export async function createBooking({ prisma, channel, requester, topic, mode, preferredWindows, participants, schoolBoardId, text, missingFacts = [], conversationId, now = new Date(), mail }: CreateBookingOptions): Promise<{ ticket: Ticket; booking: Booking }> {
  const triage = triageRequest({ text: `${topic} ${text}`, categoryHint: 'beratung' });
  let booking: Booking | undefined;
  const facts = { topic, mode: mode ?? null, preferredWindows, participants };
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
    ...mail,
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
