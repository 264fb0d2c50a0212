import { DateTime } from 'luxon';

export interface Invitation {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  startsAt: string;
  endsAt: string;
  summary: string;
  description: string;
  location?: string;
  /** The meeting link (also in LOCATION, which more clients show). */
  url?: string;
  organizer: { name: string; email: string };
  attendee: { name?: string; email: string };
}

/**
 * An iCalendar invitation (RFC 5545/5546): METHOD:REQUEST for a confirmed or moved appointment,
 * METHOD:CANCEL for a cancelled one, always the booking's stable UID with its SEQUENCE, times in
 * Europe/Berlin with the VTIMEZONE block calendar clients need.
 */
export async function buildInvitation(invitation: Invitation): Promise<string> {
  // Loaded with the first invitation, not with every start of the service.
  const [{ default: ical, ICalCalendarMethod, ICalEventStatus }, { tzlib_get_ical_block }] = await Promise.all([import('ical-generator'), import('timezones-ical-library')]);
  const calendar = ical({
    prodId: { company: 'Zweckverband eGo-MV', product: 'Schul-IT Assistent', language: 'DE' },
    method: invitation.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: 'Europe/Berlin', generator: (timezone) => tzlib_get_ical_block(timezone)[0] ?? null },
  });
  calendar.createEvent({
    id: invitation.uid,
    sequence: invitation.sequence,
    // Luxon dates carry the zone, so ical-generator writes Berlin wall-clock times under TZID.
    start: DateTime.fromISO(invitation.startsAt, { zone: 'Europe/Berlin' }),
    end: DateTime.fromISO(invitation.endsAt, { zone: 'Europe/Berlin' }),
    timezone: 'Europe/Berlin',
    summary: invitation.summary,
    description: invitation.description,
    location: invitation.location,
    url: invitation.url,
    status: invitation.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: invitation.organizer,
    attendees: [{ name: invitation.attendee.name, email: invitation.attendee.email, rsvp: true }],
  });
  // DTSTAMP must be UTC (RFC 5545 3.8.7.2); with a calendar timezone the library writes local time.
  const stamp = DateTime.utc().toFormat("yyyyMMdd'T'HHmmss'Z'");
  return calendar.toString().replace(/^DTSTAMP:.*$/m, `DTSTAMP:${stamp}`);
}
