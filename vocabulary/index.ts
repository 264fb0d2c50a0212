/**
 * The product's vocabulary, declared once: every stable code and the one German label a person
 * reads for it. The server (zod enums, OpenAPI), the engine's texts and the web app all import
 * from here; `test/vocabulary.test.ts` checks that the codes equal the database enums.
 *
 * No imports: the web app bundles this file for the browser.
 */

/** Codes in declaration order, typed as a non-empty tuple (what `z.enum` and OpenAPI `enum` take). */
function codesOf<Code extends string>(labels: Record<Code, string>): [Code, ...Code[]] {
  return Object.keys(labels) as [Code, ...Code[]];
}

export const intentLabels = {
  question: 'Frage',
  ticket: 'Anliegen',
  booking: 'Beratungswunsch',
  status: 'Standabfrage',
  greeting: 'Gruß',
  out_of_scope: 'Themenfremd',
  clarify: 'Unklar',
} as const;
export type Intent = keyof typeof intentLabels;
export const intents = codesOf(intentLabels);

export const channelLabels = { teams: 'Teams', email: 'E-Mail', api: 'Web-Chat' } as const;
export type ChannelCode = keyof typeof channelLabels;
export const channels = codesOf(channelLabels);

export const categoryLabels = {
  foerderantrag: 'Förderantrag',
  rop_aenderung: 'Änderung am Roll-Out-Plan',
  mep: 'Medienentwicklungsplan / MBK',
  technik: 'Technik',
  sdm: 'SchulDiensteManagementsystem (SDM)',
  beratung: 'Beratung',
  sonstiges: 'Sonstiges',
} as const;
export type TicketCategory = keyof typeof categoryLabels;
export const categories = codesOf(categoryLabels);

export const priorityLabels = { niedrig: 'Niedrig', normal: 'Normal', hoch: 'Hoch', dringend: 'Dringend' } as const;
export type TicketPriority = keyof typeof priorityLabels;
export const priorities = codesOf(priorityLabels);

export const ticketStatusLabels = {
  neu: 'Neu',
  in_bearbeitung: 'In Bearbeitung',
  wartet_auf_rueckmeldung: 'Wartet auf Rückmeldung',
  geloest: 'Gelöst',
  geschlossen: 'Geschlossen',
} as const;
export type TicketStatus = keyof typeof ticketStatusLabels;
export const ticketStatuses = codesOf(ticketStatusLabels);

/**
 * The same statuses as they read inside a sentence to the requester ("Ihr Anliegen ist derzeit
 * in Bearbeitung"): the grammatical form of the label, not a second name.
 */
export const ticketStatusPhrases: Record<TicketStatus, string> = {
  neu: 'neu eingegangen',
  in_bearbeitung: 'in Bearbeitung',
  wartet_auf_rueckmeldung: 'wartet auf Ihre Rückmeldung',
  geloest: 'gelöst',
  geschlossen: 'geschlossen',
};

export const bookingStatusLabels = {
  angefragt: 'Angefragt',
  uebernommen: 'Übernommen',
  bestaetigt: 'Bestätigt',
  abgesagt: 'Abgesagt',
  erledigt: 'Erledigt',
} as const;
export type BookingStatus = keyof typeof bookingStatusLabels;
export const bookingStatuses = codesOf(bookingStatusLabels);

export const bookingModeLabels = { telefon: 'Telefon', video: 'Videokonferenz', vor_ort: 'Vor Ort' } as const;
export type BookingMode = keyof typeof bookingModeLabels;
export const bookingModes = codesOf(bookingModeLabels);

export const advisorRoleLabels = { advisor: 'Beraterin/Berater', admin: 'Administration' } as const;
export type AdvisorRole = keyof typeof advisorRoleLabels;
export const advisorRoles = codesOf(advisorRoleLabels);

export const actorTypeLabels = { system: 'Assistent', requester: 'Anfragende Person', advisor: 'Beraterin/Berater' } as const;
export type ActorType = keyof typeof actorTypeLabels;

export const ticketEventLabels = {
  created: 'Angelegt',
  triaged: 'Eingeordnet',
  assigned: 'Zugewiesen',
  unassigned: 'Noch nicht zugewiesen',
  claimed: 'Übernommen',
  status_changed: 'Status geändert',
  fields_changed: 'Angaben geändert',
  facts_missing: 'Angaben fehlen',
  facts_added: 'Angaben ergänzt',
  message_received: 'Nachricht eingegangen',
  replied: 'Antwort gesendet',
  note_added: 'Interne Notiz',
  merged: 'Zusammengeführt',
  merged_into: 'Zusammengeführt',
  delivery_failed: 'Zustellung fehlgeschlagen',
  notice_held: 'Nicht per E-Mail versandt (Adresse unbestätigt), wartet im Chat',
  overdue_notified: 'Antwortfrist überschritten – Hinweis verschickt',
  booking_requested: 'Beratung angefragt',
  booking_claim: 'Beratung übernommen',
  booking_confirm: 'Beratung bestätigt',
  booking_reschedule: 'Beratung verschoben',
  booking_cancel: 'Beratung abgesagt',
  personal_data_erased: 'Personenbezogene Daten gelöscht (Datenschutz)',
  legal_hold_set: 'Aufbewahrung angeordnet',
  legal_hold_lifted: 'Aufbewahrung aufgehoben',
} as const;
export type TicketEventKind = keyof typeof ticketEventLabels;
export const ticketEventKinds = codesOf(ticketEventLabels);

/** Facts the assistant collects for ROP changes and offer requests, as advisors read them. */
export const factLabels = {
  schools: 'Schulen',
  dienststellennummern: 'Dienststellennummern',
  years: 'Förderjahre',
  currentYear: 'Bisheriges Förderjahr',
  requestedYear: 'Gewünschtes Förderjahr',
  reason: 'Begründung',
  schoolBoard: 'Schulträger',
  schoolTypes: 'Schularten',
  pupilNumbers: 'Schülerzahlen',
  timeframe: 'Zeitraum',
  topic: 'Thema',
  mode: 'Form der Beratung',
  windows: 'Wunschzeiten',
  participants: 'Teilnehmende',
} as const;
export type FactKey = keyof typeof factLabels;

/** The German label of a code, or the code itself when it is newer than this table. */
export function labelOf(labels: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '–';
  return labels[code] ?? code;
}

// The shape of the team's figures (GET /api/advisor/figures), shared by the server and the web app.
export interface DurationFigures {
  /** Tickets of the week that reached the point (first reply, resolution). */
  count: number;
  /** Median and 90th percentile in business hours (Mon–Fri 08–16, MV holidays off); null without data. */
  medianHours: number | null;
  p90Hours: number | null;
}

export interface WeekFigures {
  /** ISO week, e.g. 2026-W49, and its Monday (Berlin). */
  week: string;
  start: string;
  tickets: number;
  ticketsByCategory: Record<TicketCategory, number>;
  /** Questions the assistant answered from the knowledge base (no ticket needed). */
  answered: number;
  /** No reliable answer in the knowledge base (offered a ticket or consultation). */
  abstentions: number;
  /** Refused as outside the programme. */
  refusals: number;
  firstResponse: DurationFigures & {
    /** First reply by the response target (dueAt); tickets still unanswered past it count as missed. */
    withinSla: number;
    missedSla: number;
  };
  resolution: DurationFigures;
}

export interface MonthFigures {
  month: string;
  bookings: number;
  bookingsByStatus: Record<BookingStatus, number>;
}

export interface TeamFigures {
  from: string;
  to: string;
  weeks: WeekFigures[];
  months: MonthFigures[];
  /** The whole period: sums, and medians over all its tickets (not a median of weekly medians). */
  period: Omit<WeekFigures, 'week' | 'start' | 'ticketsByCategory'>;
}
