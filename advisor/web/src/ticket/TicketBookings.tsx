import { Text } from '@fluentui/react-components';
import type { TicketBooking } from '../api-types.ts';
import { AppLink } from '../components/AppLink.tsx';
import { usePageStyles } from '../components/styles.ts';
import { formatDateTime } from '../format.ts';
import { bookingModeLabels, bookingStatusLabels, labelOf } from '../labels.ts';

/** Consultations booked for this ticket; changes happen on the bookings page. */
export function TicketBookings({ bookings }: { bookings: TicketBooking[] }) {
  const styles = usePageStyles();
  if (bookings.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="ticket-bookings-heading">
      <h2 id="ticket-bookings-heading" style={{ margin: 0, fontSize: 16 }}>Beratungen</h2>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {bookings.map((booking) => (
          <li key={booking.id}>
            <Text weight="semibold">{labelOf(bookingStatusLabels, booking.status)}</Text> · {booking.topic} · {labelOf(bookingModeLabels, booking.mode)}
            {booking.startsAt ? ` · ${formatDateTime(booking.startsAt)}` : booking.preferredWindows.length ? ` · Wunschtermine: ${booking.preferredWindows.join(', ')}` : ''}
          </li>
        ))}
      </ul>
      <AppLink to={{ name: 'bookings' }}>Zu den Beratungen</AppLink>
    </section>
  );
}
