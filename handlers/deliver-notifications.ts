import { z } from 'zod';
import { DeliveryWaiting, noticeMessageId, type Deliverer } from '../tickets/index.ts';
import { bookingModeLabels, bookingModes, categories, categoryLabels, priorities, priorityLabels, ticketStatuses, ticketStatusPhrases } from '../vocabulary/index.ts';

/** A mail as the email channel sends it. */
export interface MailToSend {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  isAutomatic: boolean;
  /** RFC 3834: `auto-replied` for acknowledgements, `auto-generated` for notices; unset for a person's reply. */
  autoSubmitted?: 'auto-replied' | 'auto-generated';
  invitation?: { uid: string; sequence: number; method: 'REQUEST' | 'CANCEL'; startsAt: string; endsAt: string; summary: string; description: string; location?: string; url?: string; attendee: { name?: string; email: string } };
}

/** Where the requester of a ticket can be reached (tickets' `findRequesterRoute`). */
export interface RequesterRoute {
  ticket: { number: string; subject: string };
  channel: 'teams' | 'email' | 'api';
  email: string | null;
  teamsReference: Record<string, unknown> | null;
  /** The requester's latest mail and the thread's Message-IDs, when the case has mail. */
  thread?: { inReplyTo: string; references: string[] };
}

export interface NotificationSenders {
  /** A Teams advisors' channel is configured by id (else it must be registered by command). */
  hasConfiguredAdvisorChannel?: boolean;
  /** The advisor team's mail address, used when no Teams advisors' channel exists. */
  advisorTeamEmail?: string;
  /** Posts a case card into the advisors' Teams channel. */
  postCaseCard?: (channelReference: Record<string, unknown> | null, card: { ticketNumber: string; subject: string; category: string; priority: string; event: string; heading?: string; assigneeName?: string; workspaceUrl: string }) => Promise<void>;
  /** Sends a text into a stored Teams conversation. */
  sendTeamsText?: (reference: Record<string, unknown>, text: string) => Promise<void>;
  sendEmail?: (mail: MailToSend) => Promise<void>;
  /** The domain of our Message-IDs (MAIL_FROM's). */
  messageIdDomain: string;
}

export interface NotificationLookups {
  findAdvisorChannel(): Promise<Record<string, unknown> | null>;
  /** An advisor a notice is addressed to (the ticket's assignee); null when gone or inactive. */
  findAdvisor?(options: { advisorId: string }): Promise<{ name: string; email: string } | null>;
  findRequesterRoute(options: { ticketId: string }): Promise<RequesterRoute | null>;
  /** Notes on a ticket that a notice could not be mailed to its requester (shown to advisors). */
  recordHeldNotice?(options: { ticketId: string; reason: 'address_not_verified' | 'no_mail_transport' }): Promise<void>;
}

/** Outbox payloads, parsed on the way out: a row written by an older version fails loudly, not half-rendered. */
const advisorNotice = z.object({
  event: z.string().default('ticket_created'),
  ticketNumber: z.string().default(''),
  subject: z.string().optional(),
  category: z.enum(categories).optional(),
  priority: z.enum(priorities).optional(),
  dueAt: z.string().optional(),
});

const advisorNoticeTarget = z.object({ advisorId: z.string().nullish() }).catch({ advisorId: null });

/** What a notice for advisors is about, as its heading reads. */
const advisorNoticeHeadings: Record<string, string> = {
  ticket_created: 'Neuer Vorgang',
  booking_requested: 'Neue Beratungsanfrage',
  requester_replied: 'Neue Nachricht der anfragenden Person',
  ticket_overdue: 'Antwortfrist überschritten',
};

/** Notices about a case someone already has go to that person; new cases go to the team. */
const personalEvents = new Set(['requester_replied', 'ticket_overdue']);

const requesterNotice = z.object({
  event: z.string().optional(),
  status: z.enum(ticketStatuses).optional(),
  text: z.string().optional(),
  startsAt: z.string().nullish(),
  endsAt: z.string().nullish(),
  calendarUid: z.string().optional(),
  sequence: z.number().int().optional(),
  mode: z.enum(bookingModes).nullish(),
  meetingUrl: z.string().nullish(),
  topic: z.string().nullish(),
  advisorName: z.string().nullish(),
});

const queuedMail = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  messageId: z.string(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).optional(),
  isAutomatic: z.boolean(),
});

type RequesterNotice = z.infer<typeof requesterNotice>;

const longGermanDate = (date: Date) => date.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const berlinTime = (date: Date) => date.toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });

/** When, how, where, what and with whom: the body of a confirmed or moved consultation (mail, Teams, invitation). */
function appointmentText(payload: RequesterNotice, ticketNumber: string, medium: NoticeMedium): string {
  const isMoved = payload.event === 'booking_reschedule';
  const end = payload.endsAt ? berlinTime(new Date(payload.endsAt)) : undefined;
  const lines = [
    isMoved ? `Ihre Beratung mit dem Sachgebiet Schul-IT zu Vorgang ${ticketNumber} wurde verschoben.` : `Ihre Beratung mit dem Sachgebiet Schul-IT zu Vorgang ${ticketNumber} ist bestätigt.`,
    '',
    ...(payload.startsAt ? [`Wann: ${longGermanDate(new Date(payload.startsAt))}, ${berlinTime(new Date(payload.startsAt))}${end ? ` bis ${end}` : ''} Uhr`] : []),
    ...(payload.mode ? [`Form: ${bookingModeLabels[payload.mode]}`] : []),
    ...(payload.meetingUrl ? [`Link zur Videokonferenz: ${payload.meetingUrl}`] : []),
    ...(payload.topic ? [`Thema: ${payload.topic}`] : []),
    ...(payload.advisorName ? [`Beratung durch: ${payload.advisorName}`] : []),
    `Vorgang: ${ticketNumber}`,
    '',
    medium === 'mail'
      ? 'Die Kalendereinladung hängt an. Passt der Termin nicht, antworten Sie bitte auf diese E-Mail mit einem anderen Terminvorschlag; die Vorgangsnummer bleibt dabei im Betreff.'
      : medium === 'teams'
        ? `Passt der Termin nicht, schreiben Sie uns hier einen anderen Terminvorschlag und nennen Sie dabei die Vorgangsnummer ${ticketNumber}.`
        : 'Passt der Termin nicht, antworten Sie bitte auf die E-Mail mit dieser Einladung und schlagen Sie einen anderen Termin vor.',
  ];
  return lines.join('\n');
}

/** Where a notice is read: a mail (with the invitation attached), a Teams chat, or the invitation itself. */
type NoticeMedium = 'mail' | 'teams' | 'calendar';

/** The German text a requester receives for a change of their case. */
export function describeNotice(payload: RequesterNotice, ticketNumber: string, medium: NoticeMedium = 'mail'): string {
  switch (payload.event) {
    case 'status_changed':
      return `Ihr Vorgang ${ticketNumber} ist jetzt ${payload.status ? ticketStatusPhrases[payload.status] : 'aktualisiert'}.`;
    case 'booking_confirm':
    case 'booking_reschedule':
      return appointmentText(payload, ticketNumber, medium);
    case 'booking_cancel':
      return `Ihre Beratung zu Vorgang ${ticketNumber} wurde abgesagt. Bei Bedarf fragen Sie gern eine neue an.`;
    case 'advisor_reply':
      return `Antwort zu Ihrem Vorgang ${ticketNumber}:\n\n${payload.text ?? ''}`;
    default:
      return `Es gibt Neuigkeiten zu Ihrem Vorgang ${ticketNumber}.`;
  }
}

function invitationFor(payload: RequesterNotice, route: RequesterRoute & { email: string }): MailToSend['invitation'] {
  if (!payload.event?.startsWith('booking_') || !payload.calendarUid || !payload.startsAt || !payload.endsAt) return undefined;
  const mode = payload.mode ? bookingModeLabels[payload.mode] : undefined;
  return {
    uid: payload.calendarUid,
    sequence: payload.sequence ?? 0,
    method: payload.event === 'booking_cancel' ? 'CANCEL' : 'REQUEST',
    startsAt: payload.startsAt,
    endsAt: payload.endsAt,
    summary: `Beratung Sachgebiet Schul-IT (${route.ticket.number})`,
    description: payload.event === 'booking_cancel' ? `Die Beratung zu Vorgang ${route.ticket.number} wurde abgesagt.` : appointmentText(payload, route.ticket.number, 'calendar'),
    location: payload.meetingUrl ?? mode,
    url: payload.meetingUrl ?? undefined,
    attendee: { email: route.email },
  };
}

export type OutboxKind = 'advisor_notification' | 'requester_notification' | 'email';

/**
 * Outbox deliverers, one per kind: advisors' notices go to the Teams advisors' channel (else the
 * team's mailbox), requester notices to the requester's own channel, queued mails to SMTP. A notice
 * with no way to reach anyone throws, so it is retried and finally parked where advisors see it;
 * API requesters without an address have no push channel and read the status.
 */
export function createNotificationDeliverers({ lookups, senders, workspaceUrl }: { lookups: NotificationLookups; senders: NotificationSenders; workspaceUrl: (ticketNumber: string) => string }): Record<OutboxKind, Deliverer> {
  return {
    async advisor_notification(notice) {
      const payload = advisorNotice.parse(notice.payload);
      const heading = advisorNoticeHeadings[payload.event] ?? 'Neuigkeit zu einem Vorgang';
      const assigneeId = advisorNoticeTarget.parse(notice.target).advisorId;
      const assignee = personalEvents.has(payload.event) && assigneeId ? ((await lookups.findAdvisor?.({ advisorId: assigneeId })) ?? null) : null;
      const card = {
        ticketNumber: payload.ticketNumber,
        subject: payload.subject ?? (payload.event === 'booking_requested' ? 'Beratungswunsch' : ''),
        category: categoryLabels[payload.category ?? 'beratung'],
        priority: priorityLabels[payload.priority ?? 'normal'],
        event: payload.event,
        heading,
        workspaceUrl: workspaceUrl(payload.ticketNumber),
        ...(assignee ? { assigneeName: assignee.name } : {}),
      };
      const details = [
        `${heading}: ${card.ticketNumber}`,
        '',
        card.subject,
        `Kategorie: ${card.category}`,
        `Priorität: ${card.priority}`,
        ...(payload.dueAt ? [`Antwortfrist: ${longGermanDate(new Date(payload.dueAt))}, ${berlinTime(new Date(payload.dueAt))} Uhr`] : []),
        ...(assignee ? [`Zuständig: ${assignee.name}`] : []),
        '',
        `Im Arbeitsbereich öffnen: ${card.workspaceUrl}`,
      ].join('\n');
      const mail = (to: string) => ({ to, subject: `[${card.ticketNumber}] ${heading}: ${card.subject}`, text: details, messageId: noticeMessageId(notice.idempotencyKey, senders.messageIdDomain), isAutomatic: true, autoSubmitted: 'auto-generated' as const });
      // The advisor who has the case hears of its follow-ups and deadline personally, by mail.
      if (assignee && senders.sendEmail) {
        await senders.sendEmail(mail(assignee.email));
        return;
      }
      const channel = await lookups.findAdvisorChannel();
      if (senders.postCaseCard && (channel || senders.hasConfiguredAdvisorChannel)) {
        await senders.postCaseCard(channel, card);
        return;
      }
      // Waits (without using up retries) until a channel is registered or the mailbox configured.
      if (!senders.sendEmail || !senders.advisorTeamEmail) throw new DeliveryWaiting('Weder ein Teams-Beraterkanal noch ADVISOR_TEAM_EMAIL mit SMTP_URL ist eingerichtet');
      await senders.sendEmail(mail(senders.advisorTeamEmail));
    },
    async requester_notification(notice) {
      if (!notice.ticketId) return;
      const route = await lookups.findRequesterRoute({ ticketId: notice.ticketId });
      if (!route) return;
      const payload = requesterNotice.parse(notice.payload);
      if (route.channel === 'teams') {
        if (!route.teamsReference || !senders.sendTeamsText) throw new Error('Teams-Unterhaltung des Anfragenden unbekannt');
        await senders.sendTeamsText(route.teamsReference, describeNotice(payload, route.ticket.number, 'teams'));
        return;
      }
      // API requesters have no push channel of their own: with mail set up, a proven address gets
      // the mail; otherwise the reply waits in their conversation (GET /api/chat/:id/replies),
      // and the advisors see on the ticket that it was not mailed.
      if (route.channel === 'api' && (!route.email || !senders.sendEmail)) {
        await lookups.recordHeldNotice?.({ ticketId: notice.ticketId, reason: route.email ? 'no_mail_transport' : 'address_not_verified' });
        return;
      }
      if (!senders.sendEmail || !route.email) throw new Error('E-Mail-Versand ist nicht eingerichtet (SMTP_URL)');
      await senders.sendEmail({
        to: route.email,
        subject: `[${route.ticket.number}] ${route.ticket.subject}`,
        text: describeNotice(payload, route.ticket.number),
        messageId: noticeMessageId(notice.idempotencyKey, senders.messageIdDomain),
        inReplyTo: route.thread?.inReplyTo,
        references: route.thread?.references,
        // Advisor replies are personal mail; status notices and invitations are automatic.
        isAutomatic: payload.event !== 'advisor_reply',
        autoSubmitted: payload.event === 'advisor_reply' ? undefined : 'auto-generated',
        invitation: invitationFor(payload, { ...route, email: route.email }),
      });
    },
    async email(message) {
      if (!senders.sendEmail) throw new Error('E-Mail-Versand ist nicht eingerichtet (SMTP_URL)');
      const mail = queuedMail.parse(message.payload);
      // Queued mail is what the engine answers to a person's mail: an acknowledgement when automatic.
      await senders.sendEmail({ ...mail, autoSubmitted: mail.isAutomatic ? 'auto-replied' : undefined });
    },
  };
}
