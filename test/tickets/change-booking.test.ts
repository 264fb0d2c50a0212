import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../prisma/client.ts';
import { addAdvisor } from '../../tickets/add-advisor.ts';
import { changeBooking } from '../../tickets/change-booking.ts';
import { createBooking } from '../../tickets/create-booking.ts';
import { databaseKinds, useTestDatabase } from '../helpers/database.ts';
import { uniqueSuffix } from '../helpers/factories.ts';

describe.each(databaseKinds)('booking lifecycle on %s', (kind) => {
  const openDatabase = useTestDatabase(kind);
  let database: Database;
  beforeAll(() => {
    database = openDatabase();
  });

  it('claims, confirms, reschedules and cancels under one calendar UID with rising SEQUENCE', async () => {
    const { advisor } = await addAdvisor({ prisma: database.prisma, name: 'Dora Berater', email: `dora-${uniqueSuffix()}@ego-mv.example` });
    const { booking, ticket } = await createBooking({
      prisma: database.prisma,
      channel: 'api',
      requester: { email: `anfrage-${uniqueSuffix()}@example.org` },
      topic: 'MEP',
      mode: 'video',
      preferredWindows: ['dienstag vormittags'],
      participants: [],
      text: 'Beratung zum MEP',
    });
    expect(ticket.category).toBe('beratung');
    const claimed = await changeBooking({ prisma: database.prisma, bookingId: booking.id, change: { action: 'claim', advisorId: advisor.id } });
    expect(claimed).toMatchObject({ status: 'uebernommen', sequence: 0 });
    expect((await database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).assigneeId).toBe(advisor.id);
    const startsAt = new Date('2027-01-12T09:00:00+01:00');
    const confirmed = await changeBooking({ prisma: database.prisma, bookingId: booking.id, change: { action: 'confirm', advisorId: advisor.id, startsAt, endsAt: new Date('2027-01-12T10:00:00+01:00'), mode: 'video' } });
    expect(confirmed).toMatchObject({ status: 'bestaetigt', sequence: 1, calendarUid: booking.calendarUid });
    const moved = await changeBooking({ prisma: database.prisma, bookingId: booking.id, change: { action: 'reschedule', advisorId: advisor.id, startsAt: new Date('2027-01-13T09:00:00+01:00'), endsAt: new Date('2027-01-13T10:00:00+01:00') } });
    expect(moved).toMatchObject({ status: 'bestaetigt', sequence: 2, calendarUid: booking.calendarUid });
    const cancelled = await changeBooking({ prisma: database.prisma, bookingId: booking.id, change: { action: 'cancel', actorId: advisor.id } });
    expect(cancelled).toMatchObject({ status: 'abgesagt', sequence: 3 });
    const notices = await database.prisma.outboxMessage.findMany({ where: { ticketId: ticket.id, kind: 'requester_notification' }, orderBy: { createdAt: 'asc' } });
    expect(notices.map((notice) => (notice.payload as { sequence: number }).sequence)).toEqual([1, 2, 3]);
    await expect(changeBooking({ prisma: database.prisma, bookingId: booking.id, change: { action: 'claim', advisorId: advisor.id } })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('rejects a confirmation whose end is before its start', async () => {
    const { advisor } = await addAdvisor({ prisma: database.prisma, name: 'Emil Berater', email: `emil-${uniqueSuffix()}@ego-mv.example` });
    const { booking } = await createBooking({ prisma: database.prisma, channel: 'api', requester: {}, topic: 'ROP', preferredWindows: [], participants: [], text: 'Beratung' });
    await expect(
      changeBooking({ prisma: database.prisma, bookingId: booking.id, change: { action: 'confirm', advisorId: advisor.id, startsAt: new Date('2027-01-12T10:00:00Z'), endsAt: new Date('2027-01-12T09:00:00Z'), mode: 'telefon' } }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
