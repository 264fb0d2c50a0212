import type { TicketsPort } from '../tickets/index.ts';
import { categoryLabels, noticeMessageId, priorityLabels, ticketStatusLabels } from '../tickets/index.ts';
import { formatGermanDateTime } from './turn-context.ts';

/** An outbox row as deliverers see it. */
export interface OutboxNotice {
  kind: string;
  ticketId: string | null;
  payload: unknown;
  idempotencyKey: string;
}

export interface NotificationSenders {
  /** A Teams advisors' channel is configured by id (else it must be registered by command). */
  hasConfiguredAdvisorChannel?: boolean;
  /** The advisor team's mail address, used when no Teams advisors' channel exists. */
  advisorTeamEmail?: string;
  /** Posts a case card into the advisors' Teams channel. */
  postCaseCard?: (channelReference: Record<string, unknown> | null, card: { ticketNumber: string; subject: string; category: string; priority: string; event: string; workspaceUrl: string }) => Promise<void>;
  /** Sends a text into a stored Teams conversation. */
  sendTeamsText?: (reference: Record<string, unknown>, text: string) => Promise<void>;
  /** Sends a personal (not automatic) mail. */
  sendEmail?: (mail: {
    to: string;
    subject: string;
    text: string;
    messageId: string;
    isAutomatic: boolean;
    invitation?: { uid: string; sequence: number; method: 'REQUEST' | 'CANCEL'; startsAt: string; endsAt: string; summary: string; description: string; location?: string; attendee: { name?: string; email: string } };
  }) => Promise<void>;
}

interface Payload {
  event?: string;
  ticketNumber?: string;
  subject?: string;
  category?: keyof typeof categoryLabels;
  priority?: keyof typeof priorityLabels;
  status?: keyof typeof ticketStatusLabels;
  startsAt?: string | null;
  endsAt?: string | null;
  calendarUid?: string;
  sequence?: number;
  mode?: 'telefon' | 'video' | 'vor_ort' | null;
}

const modeLabels = { telefon: 'Telefon', video: 'Videokonferenz', vor_ort: 'vor Ort' } as const;

/** The German text a requester receives for a change of their case. */
export function describeNotice(payload: Payload, ticketNumber: string): string {
  switch (payload.event) {
    case 'status_changed':
      return `Ihr Vorgang ${ticketNumber} ist jetzt ${payload.status ? ticketStatusLabels[payload.status] : 'aktualisiert'}.`;
    case 'booking_confirm':
      return `Ihre Beratung zu Vorgang ${ticketNumber} ist bestätigt${payload.startsAt ? ` für den ${formatGermanDateTime(new Date(payload.startsAt))}` : ''}. Die Kalendereinladung folgt per E-Mail.`;
    case 'booking_reschedule':
      return `Ihre Beratung zu Vorgang ${ticketNumber} wurde verschoben${payload.startsAt ? ` auf den ${formatGermanDateTime(new Date(payload.startsAt))}` : ''}.`;
    case 'booking_cancel':
      return `Ihre Beratung zu Vorgang ${ticketNumber} wurde abgesagt. Bei Bedarf fragen Sie gern eine neue an.`;
    case 'advisor_reply':
      return `Antwort zu Ihrem Vorgang ${ticketNumber}:\n\n${(payload as { text?: string }).text ?? ''}`;
    default:
      return `Es gibt Neuigkeiten zu Ihrem Vorgang ${ticketNumber}.`;
  }
}

/**
 * Outbox deliverers by kind: advisors' notices go to the Teams advisors' channel, requester notices
 * to the requester's own channel. A notice with no way to reach anyone throws, so it is retried and
 * finally parked where advisors see it; API requesters have no push channel and read the status.
 */
export function createNotificationDeliverers({ tickets, senders, workspaceUrl }: { tickets: TicketsPort; senders: NotificationSenders; workspaceUrl: (ticketNumber: string) => string }) {
  return {
    async advisor_notification(notice: OutboxNotice) {
      const payload = notice.payload as Payload;
      const ticketNumber = payload.ticketNumber ?? '';
      const card = {
        ticketNumber,
        subject: payload.subject ?? (payload.event === 'booking_requested' ? 'Beratungswunsch' : ''),
        category: payload.category ? categoryLabels[payload.category] : 'Beratung',
        priority: payload.priority ? priorityLabels[payload.priority] : 'normal',
        event: payload.event ?? 'ticket_created',
        workspaceUrl: workspaceUrl(ticketNumber),
      };
      const channel = await tickets.findAdvisorChannel();
      // The Teams advisors' channel when there is one, otherwise the advisor team's mailbox.
      if (senders.postCaseCard && (channel || senders.hasConfiguredAdvisorChannel)) {
        await senders.postCaseCard(channel, card);
        return;
      }
      if (senders.sendEmail && senders.advisorTeamEmail) {
        const heading = card.event === 'booking_requested' ? 'Neue Beratungsanfrage' : 'Neuer Vorgang';
        await senders.sendEmail({
          to: senders.advisorTeamEmail,
          subject: `[${ticketNumber}] ${heading}: ${card.subject}`,
          text: `${heading} ${ticketNumber}\n\n${card.subject}\nKategorie: ${card.category}\nPriorität: ${card.priority}\n\nIm Arbeitsbereich öffnen: ${card.workspaceUrl}`,
          messageId: noticeMessageId(notice.idempotencyKey),
          isAutomatic: true,
        });
        return;
      }
      throw new Error('Weder ein Teams-Beraterkanal noch ADVISOR_TEAM_EMAIL mit SMTP_URL ist eingerichtet');
    },
    async requester_notification(notice: OutboxNotice) {
      if (!notice.ticketId) return;
      const route = await tickets.findRequesterRoute(notice.ticketId);
      if (!route) return;
      const text = describeNotice(notice.payload as Payload, route.ticket.number);
      if (route.channel === 'teams') {
        if (!route.teamsReference || !senders.sendTeamsText) throw new Error('Teams-Unterhaltung des Anfragenden unbekannt');
        await senders.sendTeamsText(route.teamsReference, text);
        return;
      }
      // API requesters have no push channel of their own: with mail set up, a known address
      // gets the mail; otherwise they read the status through the API.
      if (route.channel === 'api' && (!route.email || !senders.sendEmail)) return;
      if (route.channel === 'email' || route.channel === 'api') {
        if (!senders.sendEmail || !route.email) throw new Error('E-Mail-Versand ist nicht eingerichtet (SMTP_URL)');
        const payload = notice.payload as Payload;
        const isBooking = payload.event?.startsWith('booking_') && payload.calendarUid && payload.startsAt && payload.endsAt;
        const invitation = isBooking
          ? {
              uid: payload.calendarUid!,
              sequence: payload.sequence ?? 0,
              method: payload.event === 'booking_cancel' ? ('CANCEL' as const) : ('REQUEST' as const),
              startsAt: payload.startsAt!,
              endsAt: payload.endsAt!,
              summary: `Beratung Sachgebiet Schul-IT (${route.ticket.number})`,
              description: `Beratung zu Vorgang ${route.ticket.number}: ${route.ticket.subject}${payload.mode ? ` – ${modeLabels[payload.mode]}` : ''}`,
              location: payload.mode ? modeLabels[payload.mode] : undefined,
              attendee: { email: route.email },
            }
          : undefined;
        // Advisor replies are personal mail; status notices are automatic.
        await senders.sendEmail({
          to: route.email,
          subject: `[${route.ticket.number}] ${route.ticket.subject}`,
          text: describeNotice(payload, route.ticket.number),
          messageId: noticeMessageId(notice.idempotencyKey),
          isAutomatic: payload.event !== 'advisor_reply',
          invitation,
        });
        return;
      }
    },
  };
}
