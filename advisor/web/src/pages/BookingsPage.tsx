import { Button, TableCell, TableRow, Text, Title2 } from '@fluentui/react-components';
import { useState } from 'react';
import type { BookingListItem } from '../api-types.ts';
import { BookingTimeDialog } from '../bookings/BookingTimeDialog.tsx';
import { addDays, dayKeyOf, mondayOf } from '../bookings/calendar-days.ts';
import { WeekAgenda } from '../bookings/WeekAgenda.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { ErrorMessage, Loading, SuccessMessage } from '../components/Feedback.tsx';
import { usePageStyles } from '../components/styles.ts';
import { CodeSelect } from '../components/CodeSelect.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { formatDateTime, formatTime } from '../format.ts';
import { bookingModeLabels, bookingStatuses, bookingStatusLabels, labelOf } from '../labels.ts';
import { useAction, useApiData } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

type DialogState = { booking: BookingListItem; kind: 'confirm' | 'reschedule' } | null;

function BookingActions({ booking, onOpen, onChanged }: { booking: BookingListItem; onOpen: (state: DialogState) => void; onChanged: () => void }) {
  const { api } = useWorkspace();
  const action = useAction();
  const [isConfirmingCancel, setIsConfirmingCancel] = useState(false);
  const post = (kind: 'claim' | 'cancel') => action.run(() => api(`/bookings/${encodeURIComponent(booking.id)}/${kind}`, { method: 'POST' })).then((isDone) => isDone && onChanged());
  const isOpen = booking.status !== 'abgesagt' && booking.status !== 'erledigt';
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
      <ErrorMessage message={action.error} />
      {booking.status === 'angefragt' ? (
        <Button size="small" onClick={() => void post('claim')} disabled={action.isBusy}>
          Übernehmen
        </Button>
      ) : null}
      {booking.status === 'angefragt' || booking.status === 'uebernommen' ? (
        <Button size="small" appearance="primary" onClick={() => onOpen({ booking, kind: 'confirm' })}>
          Bestätigen …
        </Button>
      ) : null}
      {booking.status === 'bestaetigt' ? (
        <Button size="small" onClick={() => onOpen({ booking, kind: 'reschedule' })}>
          Verschieben …
        </Button>
      ) : null}
      {isOpen && !isConfirmingCancel ? (
        <Button size="small" onClick={() => setIsConfirmingCancel(true)}>
          Absagen …
        </Button>
      ) : null}
      {isConfirmingCancel ? (
        <>
          <Button size="small" appearance="primary" onClick={() => void post('cancel')} disabled={action.isBusy}>
            Ja, absagen
          </Button>
          <Button size="small" onClick={() => setIsConfirmingCancel(false)}>
            Nicht absagen
          </Button>
        </>
      ) : null}
    </div>
  );
}

/** Consultation bookings: filter by status, claim, confirm, reschedule, cancel. */
export function BookingsPage() {
  const styles = usePageStyles();
  const { api } = useWorkspace();
  const [status, setStatus] = useState('');
  const [dialog, setDialog] = useState<DialogState>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const path = `/bookings${status ? `?status=${status}` : ''}`;
  const bookings = useApiData(path, () => api<{ bookings: BookingListItem[] }>(path));
  const list = bookings.data?.bookings ?? [];
  const [monday, setMonday] = useState(() => mondayOf(dayKeyOf(new Date())));
  // A day more on each side: the agenda places bookings by their Berlin day, whatever the browser's zone.
  const agendaPath = `/bookings?from=${addDays(monday, -1)}T00:00:00Z&to=${addDays(monday, 8)}T00:00:00Z`;
  const agenda = useApiData(agendaPath, () => api<{ bookings: BookingListItem[] }>(agendaPath));
  const reload = () => {
    bookings.reload();
    agenda.reload();
  };

  return (
    <>
      <Title2 as="h1">Beratungen</Title2>
      <section className={styles.section}>
        <ErrorMessage message={agenda.error} />
        <WeekAgenda monday={monday} bookings={agenda.data?.bookings ?? []} onWeekChange={setMonday} />
      </section>
      <section className={styles.section}>
        <div className={styles.row}>
          <CodeSelect<string> label="Status" value={status} codes={bookingStatuses} labels={bookingStatusLabels} emptyOption="Alle" onChange={setStatus} />
        </div>
        <SuccessMessage message={notice} />
        <ErrorMessage message={bookings.error} />
        {bookings.isLoading && !bookings.data ? <Loading /> : null}
        {bookings.data && list.length === 0 ? <Text>Keine Beratungen für diese Auswahl.</Text> : null}
        {list.length > 0 ? (
          <DataTable label="Beratungen" columns={['Vorgang', 'Schulträger', 'Thema', 'Form', 'Teilnehmende', 'Wunschzeiten', 'Termin', 'Status', 'Aktionen']}>
            {list.map((booking) => (
              <TableRow key={booking.id} data-booking={booking.id}>
                <TableCell>
                  <AppLink to={{ name: 'ticket', number: booking.ticket.number }}>{booking.ticket.number}</AppLink>
                </TableCell>
                <TableCell>{booking.ticket.schoolBoard?.name ?? '–'}</TableCell>
                <TableCell>{booking.topic}</TableCell>
                <TableCell>{labelOf(bookingModeLabels, booking.mode)}</TableCell>
                <TableCell>
                  {booking.ticket.requesterName ?? booking.ticket.requesterEmail ?? '–'}
                  {booking.participants.length > 0 ? <div className={styles.muted}>mit {booking.participants.join(', ')}</div> : null}
                </TableCell>
                <TableCell>
                  {booking.preferredWindows.length === 0 ? '–' : null}
                  {booking.preferredWindows.map((window) => (
                    <div key={window}>{window}</div>
                  ))}
                </TableCell>
                <TableCell>
                  {booking.startsAt ? `${formatDateTime(booking.startsAt)} – ${formatTime(booking.endsAt)}` : '–'}
                  {booking.advisor ? <div className={styles.muted}>{booking.advisor.name}</div> : null}
                  {booking.meetingUrl ? (
                    <div>
                      <a href={booking.meetingUrl} target="_blank" rel="noreferrer">
                        Videokonferenz
                      </a>
                    </div>
                  ) : null}
                </TableCell>
                <TableCell>{labelOf(bookingStatusLabels, booking.status)}</TableCell>
                <TableCell>
                  <BookingActions booking={booking} onOpen={setDialog} onChanged={reload} />
                </TableCell>
              </TableRow>
            ))}
          </DataTable>
        ) : null}
      </section>
      {dialog ? (
        <BookingTimeDialog
          booking={dialog.booking}
          kind={dialog.kind}
          onClose={(changed) => {
            setDialog(null);
            if (changed) {
              setNotice(changed);
              reload();
            }
          }}
        />
      ) : null}
    </>
  );
}
