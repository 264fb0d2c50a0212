import { expect, it } from 'vitest';
import { changeBooking } from '../../tickets/change-booking.ts';
import { describeOnEachDatabase } from '../helpers/database.ts';
import { createAdvisor, createConsultation } from '../helpers/factories.ts';

describeOnEachDatabase('booking lifecycle', (database) => {

  it('claims, confirms, reschedules and cancels under one calendar UID with rising SEQUENCE', async () => {
    const { advisor } = await createAdvisor(database().prisma, { name: 'Dora Berater' });
    const { booking, ticket } = await createConsultation(database().prisma, { mode: 'video', preferredWindows: ['dienstag vormittags'] });
    expect(ticket.category).toBe('beratung');
    const claimed = await changeBooking({ prisma: database().prisma, bookingId: booking.id, change: { action: 'claim', advisorId: advisor.id } });
    expect(claimed).toMatchObject({ status: 'uebernommen', sequence: 0 });
    expect((await database().prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).assigneeId).toBe(advisor.id);
    const startsAt = new Date('2027-01-12T09:00:00+01:00');
    const confirmed = await changeBooking({ prisma: database().prisma, bookingId: booking.id, change: { action: 'confirm', advisorId: advisor.id, startsAt, endsAt: new Date('2027-01-12T10:00:00+01:00'), mode: 'video' } });
    expect(confirmed).toMatchObject({ status: 'bestaetigt', sequence: 1, calendarUid: booking.calendarUid });
    const moved = await changeBooking({ prisma: database().prisma, bookingId: booking.id, change: { action: 'reschedule', advisorId: advisor.id, startsAt: new Date('2027-01-13T09:00:00+01:00'), endsAt: new Date('2027-01-13T10:00:00+01:00') } });
    expect(moved).toMatchObject({ status: 'bestaetigt', sequence: 2, calendarUid: booking.calendarUid });
    const cancelled = await changeBooking({ prisma: database().prisma, bookingId: booking.id, change: { action: 'cancel', actorId: advisor.id } });
    expect(cancelled).toMatchObject({ status: 'abgesagt', sequence: 3 });
    const notices = await database().prisma.outboxMessage.findMany({ where: { ticketId: ticket.id, kind: 'requester_notification' }, orderBy: { createdAt: 'asc' } });
    expect(notices.map((notice) => (notice.payload as { sequence: number }).sequence)).toEqual([1, 2, 3]);
    await expect(changeBooking({ prisma: database().prisma, bookingId: booking.id, change: { action: 'claim', advisorId: advisor.id } })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('rejects a confirmation whose end is before its start', async () => {
    const { advisor } = await createAdvisor(database().prisma, { name: 'Emil Berater' });
    const { booking } = await createConsultation(database().prisma, { requester: {}, topic: 'ROP' });
    await expect(
      changeBooking({ prisma: database().prisma, bookingId: booking.id, change: { action: 'confirm', advisorId: advisor.id, startsAt: new Date('2027-01-12T10:00:00Z'), endsAt: new Date('2027-01-12T09:00:00Z'), mode: 'telefon' } }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
