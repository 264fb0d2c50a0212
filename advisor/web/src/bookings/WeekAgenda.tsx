import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronLeft20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import type { BookingListItem } from '../api-types.ts';
import { AppLink } from '../components/AppLink.tsx';
import { bookingModeLabels, bookingStatusLabels, labelOf } from '../labels.ts';
import { addDays, dayKeyOf, dayLabelOf, isoWeekOf, mondayOf, preferredDaysOf, timeOf, windowWords } from './calendar-days.ts';

const useStyles = makeStyles({
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px' },
  days: { display: 'grid', gridTemplateColumns: 'repeat(var(--agenda-days), minmax(0, 1fr))', gap: '8px', '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' } },
  day: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0, padding: '8px', borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2 },
  today: { outline: `2px solid ${tokens.colorBrandStroke1}` },
  entry: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: '6px 8px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    borderLeft: `4px solid ${tokens.colorBrandBackground}`,
    overflowWrap: 'anywhere',
  },
  requested: { borderLeft: `4px dashed ${tokens.colorNeutralStroke1}` },
  muted: { color: tokens.colorNeutralForeground3 },
});

interface AgendaEntry {
  booking: BookingListItem;
  /** "09:00–10:00" for a set time, the window's hours or words for a wish. */
  when: string;
  isWish: boolean;
  sortKey: string;
}

/** What falls on each day of the week: set times, and the preferred windows of open requests. */
export function agendaOf(bookings: BookingListItem[], days: string[]): Map<string, AgendaEntry[]> {
  const byDay = new Map(days.map((day) => [day, [] as AgendaEntry[]]));
  for (const booking of bookings) {
    if (booking.startsAt && (booking.status === 'bestaetigt' || booking.status === 'erledigt')) {
      const when = `${timeOf(booking.startsAt)}–${booking.endsAt ? timeOf(booking.endsAt) : ''}`;
      byDay.get(dayKeyOf(booking.startsAt))?.push({ booking, when, isWish: false, sortKey: when });
      continue;
    }
    if (booking.startsAt || (booking.status !== 'angefragt' && booking.status !== 'uebernommen')) continue;
    for (const window of booking.preferredWindows) {
      const covered = preferredDaysOf(window);
      if (!covered) continue;
      for (const day of days) {
        if (day < covered.from || day > covered.to) continue;
        const when = covered.hours ?? windowWords(window);
        byDay.get(day)?.push({ booking, when, isWish: true, sortKey: covered.hours ?? '99' });
      }
    }
  }
  for (const entries of byDay.values()) entries.sort((left, right) => left.sortKey.localeCompare(right.sortKey));
  return byDay;
}

/**
 * A week of consultations beside the list: confirmed ones at their time, open requests (dashed)
 * on the days their preferred windows name, each with school board, topic and form.
 */
export function WeekAgenda({ monday, bookings, onWeekChange }: { monday: string; bookings: BookingListItem[]; onWeekChange: (monday: string) => void }) {
  const styles = useStyles();
  const workdays = [0, 1, 2, 3, 4].map((offset) => addDays(monday, offset));
  const weekend = [5, 6].map((offset) => addDays(monday, offset));
  const agenda = agendaOf(bookings, [...workdays, ...weekend]);
  // Saturday and Sunday only when something falls on them.
  const days = [...workdays, ...weekend.filter((day) => (agenda.get(day)?.length ?? 0) > 0)];
  const today = dayKeyOf(new Date());
  const sunday = addDays(monday, 6);
  return (
    <section aria-label="Wochenübersicht der Beratungen">
      <div className={styles.header}>
        <Text weight="semibold">
          KW {isoWeekOf(monday)}: {dayLabelOf(monday)} bis {dayLabelOf(sunday)}
        </Text>
        <Button size="small" icon={<ChevronLeft20Regular />} onClick={() => onWeekChange(addDays(monday, -7))}>
          Vorige Woche
        </Button>
        <Button size="small" onClick={() => onWeekChange(mondayOf(today))}>
          Diese Woche
        </Button>
        <Button size="small" icon={<ChevronRight20Regular />} iconPosition="after" onClick={() => onWeekChange(addDays(monday, 7))}>
          Nächste Woche
        </Button>
      </div>
      <div className={styles.days} style={{ ['--agenda-days' as string]: days.length }}>
        {days.map((day) => {
          const entries = agenda.get(day) ?? [];
          return (
            <div key={day} className={`${styles.day} ${day === today ? styles.today : ''}`} data-day={day} aria-label={dayLabelOf(day)} role="group">
              <Text weight="semibold">{dayLabelOf(day)}</Text>
              {entries.length === 0 ? (
                <Text size={200} className={styles.muted}>
                  Keine Beratung
                </Text>
              ) : null}
              {entries.map(({ booking, when, isWish }, index) => (
                <div key={`${booking.id}-${index}`} className={`${styles.entry} ${isWish ? styles.requested : ''}`} data-agenda-booking={booking.id}>
                  <Text size={200} weight="semibold">
                    {isWish ? `Wunsch: ${when}` : `${when} Uhr`} · {labelOf(bookingStatusLabels, booking.status)}
                  </Text>
                  <Text size={200}>{booking.topic}</Text>
                  <Text size={200} className={styles.muted}>
                    {[booking.ticket.schoolBoard?.name, labelOf(bookingModeLabels, booking.mode), booking.advisor?.name].filter((part) => part && part !== '–').join(' · ')}
                  </Text>
                  <Text size={200}>
                    <AppLink to={{ name: 'ticket', number: booking.ticket.number }}>{booking.ticket.number}</AppLink>
                  </Text>
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </section>
  );
}
