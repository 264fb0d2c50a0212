import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { BookingListItem, BookingMode } from '../api-types.ts';
import { ErrorMessage } from '../components/Feedback.tsx';
import { toIsoWithOffset } from '../format.ts';
import { bookingModeLabels, bookingModes } from '../labels.ts';
import { useAction } from '../use-api-data.ts';
import { useWorkspace } from '../workspace-context.ts';

export interface BookingTimeDialogProps {
  booking: BookingListItem;
  /** confirm asks for the mode too; reschedule keeps it. */
  kind: 'confirm' | 'reschedule';
  /** Called with the German sentence to show after a change, or null when nothing changed. */
  onClose: (changed: string | null) => void;
}

function localParts(value: string | null): { date: string; time: string } {
  if (!value) return { date: '', time: '' };
  const date = new Date(value);
  const pad = (part: number) => String(part).padStart(2, '0');
  return { date: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`, time: `${pad(date.getHours())}:${pad(date.getMinutes())}` };
}

/** Date, start and end time (and mode): confirms or reschedules a consultation. */
export function BookingTimeDialog({ booking, kind, onClose }: BookingTimeDialogProps) {
  const { api } = useWorkspace();
  const start = localParts(booking.startsAt);
  const [date, setDate] = useState(start.date);
  const [startTime, setStartTime] = useState(start.time);
  const [endTime, setEndTime] = useState(localParts(booking.endsAt).time);
  const [mode, setMode] = useState<BookingMode>(booking.mode ?? 'telefon');
  const [meetingUrl, setMeetingUrl] = useState(booking.meetingUrl ?? '');
  const [validation, setValidation] = useState<string | null>(null);
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const startIso = toIsoWithOffset(date, startTime);
    const endIso = toIsoWithOffset(date, endTime);
    if (!startIso || !endIso) return setValidation('Bitte geben Sie Datum, Beginn und Ende an.');
    if (new Date(endIso) <= new Date(startIso)) return setValidation('Das Ende muss nach dem Beginn liegen.');
    const link = meetingUrl.trim();
    if (link && !/^https:\/\/\S+$/.test(link)) return setValidation('Der Link zur Videokonferenz muss mit https:// beginnen.');
    setValidation(null);
    const body = kind === 'confirm' ? { start: startIso, end: endIso, mode, meetingUrl: link || null } : { start: startIso, end: endIso, meetingUrl: link || null };
    const when = new Date(startIso).toLocaleString('de-DE', { dateStyle: 'full', timeStyle: 'short' });
    const message = `${kind === 'confirm' ? 'Termin bestätigt' : 'Termin verschoben'}: ${booking.ticket.number}, ${when} Uhr. Die Einladung geht an ${booking.ticket.requesterName ?? booking.ticket.requesterEmail ?? 'die anfragende Person'}.`;
    void action.run(() => api(`/bookings/${encodeURIComponent(booking.id)}/${kind}`, { method: 'POST', body })).then((isDone) => isDone && onClose(message));
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_event, data) => !data.open && onClose(null)}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{kind === 'confirm' ? 'Termin bestätigen' : 'Termin verschieben'}</DialogTitle>
            <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
              <div>
                {booking.ticket.number} · {booking.topic}
                {booking.preferredWindows.length ? ` · Wunschtermine: ${booking.preferredWindows.join(', ')}` : ''}
              </div>
              <ErrorMessage message={validation ?? action.error} />
              <Field label="Datum" required>
                <Input type="date" name="date" value={date} onChange={(_event, data) => setDate(data.value)} />
              </Field>
              <div style={{ display: 'flex', gap: 12 }}>
                <Field label="Beginn" required>
                  <Input type="time" name="start" value={startTime} onChange={(_event, data) => setStartTime(data.value)} />
                </Field>
                <Field label="Ende" required>
                  <Input type="time" name="end" value={endTime} onChange={(_event, data) => setEndTime(data.value)} />
                </Field>
              </div>
              {kind === 'confirm' ? (
                <Field label="Form der Beratung">
                  <RadioGroup value={mode} onChange={(_event, data) => setMode(data.value as BookingMode)} layout="horizontal">
                    {bookingModes.map((value) => (
                      <Radio key={value} value={value} label={bookingModeLabels[value]} />
                    ))}
                  </RadioGroup>
                </Field>
              ) : null}
              {(kind === 'confirm' ? mode : booking.mode) === 'video' ? (
                <Field label="Link zur Videokonferenz" hint="Geht in die Einladung (Ort und Text), z. B. https://teams.microsoft.com/l/meetup-join/…">
                  <Input type="url" name="meetingUrl" value={meetingUrl} placeholder="https://" onChange={(_event, data) => setMeetingUrl(data.value)} />
                </Field>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button type="button" onClick={() => onClose(null)}>
                Abbrechen
              </Button>
              <Button type="submit" appearance="primary" disabled={action.isBusy}>
                {kind === 'confirm' ? 'Bestätigen und Einladung senden' : 'Verschieben und Einladung senden'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
