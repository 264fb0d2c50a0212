import { findTicketNumber, type TicketStatusView } from '../tickets/index.ts';
import { ticketStatusPhrases } from '../vocabulary/index.ts';
import { formatGermanDateTime, type TurnContext } from './turn-context.ts';
import type { HandledMessage } from './types.ts';

const noInformation =
  'Zu dieser Vorgangsnummer kann ich Ihnen keine Auskunft geben. Auskunft erhält nur, wer das Anliegen gestellt hat, ' +
  'und zwar über denselben Weg (dieselbe E-Mail-Adresse oder dasselbe Teams-Konto). Bitte prüfen Sie die Nummer ' +
  '(Format SIT-2026-00042) oder fragen Sie von dem Konto aus, mit dem Sie das Anliegen gestellt haben.';

const verifyFirst =
  'Im Chat nenne ich den Stand erst, wenn Ihre E-Mail-Adresse bestätigt ist: Fordern Sie dafür in dieser Anwendung einen Bestätigungscode an, ' +
  'er kommt an Ihre Adresse. Oder schreiben Sie uns von der Adresse aus, mit der Sie das Anliegen gestellt haben.';

/**
 * The status of a ticket, for its requester only; everyone else gets the same neutral answer.
 * Without a number ("Wie sieht es aus mit unserem Antrag?", "Haben wir schon einen Termin?") a
 * proven requester hears about their most recent open ticket, with a confirmed booking's time.
 */
export async function reportStatus(context: TurnContext): Promise<HandledMessage> {
  const { message, deps } = context;
  const ticketNumber = message.ticketReference ?? findTicketNumber(message.text);
  // Only what the channel proved identifies the requester; a typed address or user id does not.
  const isProven = message.sender.isProven === true;
  const identity = {
    email: isProven ? message.sender.email : undefined,
    teamsId: isProven ? message.sender.aadObjectId : undefined,
    channelUserId: isProven && message.sender.id ? `${message.channel}:${message.sender.id}` : undefined,
  };
  const askForNumber = 'Gern nenne ich Ihnen den Stand. Bitte geben Sie die Vorgangsnummer an, zum Beispiel SIT-2026-00042; Sie finden sie in unserer Bestätigung.';
  if (!ticketNumber) {
    const latest = isProven ? await deps.tickets.findTicketStatus(identity) : null;
    if (!latest) {
      const text = isProven ? `Ich finde zu Ihrem Konto keinen offenen Vorgang. ${askForNumber}` : `${askForNumber} ${verifyFirst}`;
      return { intent: 'status', replies: [{ text, citations: [], suggestedActions: [] }] };
    }
    const others = (latest.openTickets ?? 1) > 1 ? ` Sie haben ${latest.openTickets} offene Vorgänge; für einen anderen nennen Sie bitte seine Nummer.` : '';
    return { intent: 'status', replies: [{ text: `${describe(latest)}${others}`, citations: [], suggestedActions: [] }] };
  }
  const view = await deps.tickets.findTicketStatus({ ticketNumber, ...identity });
  if (!view) return { intent: 'status', replies: [{ text: isProven ? noInformation : `${noInformation} ${verifyFirst}`, citations: [], suggestedActions: [] }] };
  return { intent: 'status', replies: [{ text: describe(view), citations: [], suggestedActions: [] }] };
}

function describe(view: TicketStatusView): string {
  const who = view.assigneeFirstName ? `Es kümmert sich ${view.assigneeFirstName} aus dem Sachgebiet Schul-IT darum.` : 'Es ist noch keiner Beraterin und keinem Berater zugewiesen.';
  const booking = !view.booking
    ? ''
    : view.booking.status === 'bestaetigt' && view.booking.startsAt
      ? ` Ihr Beratungstermin ist bestätigt: ${formatGermanDateTime(view.booking.startsAt)}${view.booking.endsAt ? ` bis ${formatGermanDateTime(view.booking.endsAt).replace(/^.*, /, '')}` : ''}.`
      : view.booking.status === 'abgesagt'
        ? ' Der Beratungstermin wurde abgesagt.'
        : ' Einen Beratungstermin gibt es noch nicht; Sie erhalten eine Kalendereinladung, sobald er feststeht.';
  return `Ihr Anliegen ${view.number} („${view.subject}“) ist derzeit ${ticketStatusPhrases[view.status]}. ${who}${booking} Letzte Änderung: ${formatGermanDateTime(view.lastUpdate)}.`;
}
