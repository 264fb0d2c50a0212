import type { AdvisorRole, BookingMode, BookingStatus, TicketCategory, TicketPriority, TicketStatus } from './api-types.ts';

export const statusLabels: Record<TicketStatus, string> = {
  neu: 'Neu',
  in_bearbeitung: 'In Bearbeitung',
  wartet_auf_rueckmeldung: 'Wartet auf Rückmeldung',
  geloest: 'Gelöst',
  geschlossen: 'Geschlossen',
};

export const categoryLabels: Record<TicketCategory, string> = {
  foerderantrag: 'Förderantrag',
  rop_aenderung: 'ROP-Änderung',
  mep: 'Medienentwicklungsplan',
  technik: 'Technik',
  sdm: 'SDM',
  beratung: 'Beratung',
  sonstiges: 'Sonstiges',
};

export const priorityLabels: Record<TicketPriority, string> = { niedrig: 'Niedrig', normal: 'Normal', hoch: 'Hoch', dringend: 'Dringend' };

export const bookingStatusLabels: Record<BookingStatus, string> = {
  angefragt: 'Angefragt',
  uebernommen: 'Übernommen',
  bestaetigt: 'Bestätigt',
  abgesagt: 'Abgesagt',
  erledigt: 'Erledigt',
};

export const bookingModeLabels: Record<BookingMode, string> = { telefon: 'Telefon', video: 'Video', vor_ort: 'Vor Ort' };

export const roleLabels: Record<AdvisorRole, string> = { advisor: 'Beraterin/Berater', admin: 'Administration' };

export const channelLabels: Record<string, string> = { teams: 'Teams', email: 'E-Mail', api: 'Chat' };

export const eventLabels: Record<string, string> = {
  created: 'Angelegt',
  triaged: 'Eingeordnet',
  assigned: 'Zugewiesen',
  claimed: 'Übernommen',
  status_changed: 'Status geändert',
  fields_changed: 'Angaben geändert',
  facts_missing: 'Angaben fehlen',
  message_received: 'Nachricht eingegangen',
  replied: 'Antwort gesendet',
  note_added: 'Interne Notiz',
  merged: 'Zusammengeführt',
  merged_into: 'Zusammengeführt',
  delivery_failed: 'Zustellung fehlgeschlagen',
  booking_requested: 'Beratung angefragt',
  booking_claim: 'Beratung übernommen',
  booking_confirm: 'Beratung bestätigt',
  booking_reschedule: 'Beratung verschoben',
  booking_cancel: 'Beratung abgesagt',
};

export const ticketStatuses = Object.keys(statusLabels) as TicketStatus[];
export const ticketCategories = Object.keys(categoryLabels) as TicketCategory[];
export const ticketPriorities = Object.keys(priorityLabels) as TicketPriority[];
export const bookingStatuses = Object.keys(bookingStatusLabels) as BookingStatus[];
export const bookingModes = Object.keys(bookingModeLabels) as BookingMode[];

/** The German label of a code, or the code itself when it is new to the web app. */
export function labelOf(labels: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '–';
  return labels[code] ?? code;
}

/** Names of the facts the assistant collects for ROP changes and offers (handlers/open-ticket.ts). */
export const factLabels: Record<string, string> = {
  schools: 'Schulen',
  dienststellennummern: 'Dienststellennummern',
  years: 'Förderjahre',
  currentYear: 'Bisheriges Förderjahr',
  requestedYear: 'Gewünschtes Förderjahr',
  reason: 'Begründung',
  schoolBoard: 'Genannter Schulträger',
  schoolTypes: 'Schularten',
  pupilNumbers: 'Schülerzahlen',
  timeframe: 'Zeitraum',
};
